import { describe, expect, it } from "vitest";
import { SpotMoves } from "./SpotMoves.ts";

const usd = (x: number) => x * 1_000_000;
const T0 = Date.UTC(2026, 0, 1);

describe("SpotMoves", () => {
  it("measures high over low within the window: $95,000 to $85,000 is 11.8%, $100,000 to $109,900 is 9.9%", () => {
    const m = new SpotMoves(15 * 60_000);
    for (let s = 0; s < 600; s++) m.push("BTCUSD", usd(95_000), T0 + s * 1000);
    expect(m.push("BTCUSD", usd(85_000), T0 + 600_000)).toBeCloseTo(95 / 85 - 1, 12);
    const n = new SpotMoves(15 * 60_000);
    n.push("BTCUSD", usd(100_000), T0);
    expect(n.push("BTCUSD", usd(109_900), T0 + 840_000)).toBeCloseTo(0.099, 12);
    expect(n.push("ETHUSD", usd(3_000), T0 + 840_000)).toBe(0); // each underlying on its own
  });
  it("forgets a minute once it lies wholly before the window", () => {
    const m = new SpotMoves(15 * 60_000);
    m.push("BTCUSD", usd(85_000), T0 + 30_000); // the minute starting at T0
    expect(m.push("BTCUSD", usd(95_000), T0 + 959_999)).toBeGreaterThan(0.1); // its minute still reaches into the window
    expect(m.push("BTCUSD", usd(95_000), T0 + 960_000)).toBe(0);
  });
  it("saves and restores what it has seen", () => {
    const m = new SpotMoves(15 * 60_000);
    m.push("BTCUSD", usd(100_000), T0);
    const copy = new SpotMoves(15 * 60_000);
    copy.load(m.save());
    expect(copy.push("BTCUSD", usd(111_000), T0 + 60_000)).toBeCloseTo(0.11, 12);
  });
});
