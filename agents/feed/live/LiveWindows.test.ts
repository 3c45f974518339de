import { describe, expect, it } from "vitest";
import type { GammaWindow } from "./parseGammaEvent.ts";
import { LiveWindows, type SpotLookup } from "./LiveWindows.ts";

const S = 1_784_850_900_000;
const E = S + 300_000;
const win = (over: Partial<GammaWindow> = {}): GammaWindow => ({
  slug: "btc-updown-5m-1784850900", gammaId: "1", conditionId: `0x${"1".repeat(64)}`, question: undefined,
  upTokenId: "111", downTokenId: "222", startTs: S, endTs: E, fee: { rate: 0.07, exponent: 1, takerOnly: true },
  tickSize: 1000, minSize: 5e6, closed: false, outcome: undefined, priceToBeat: undefined, ...over,
});
const spotUntil = (t: number): SpotLookup => ({ priceAt: (ts) => (ts <= t ? 65000 : undefined), latest: () => 64000 });
const opts = { closeGraceMs: 10_000, resolveGiveUpMs: 600_000, keepMs: 3_600_000 };
const kinds = (ws: LiveWindows, now: number, spot: SpotLookup) => ws.actions(now, spot).map((a) => a.kind);

describe("LiveWindows", () => {
  it("opens once the spot at the start is known, or at once with priceToBeat", () => {
    const ws = new LiveWindows(opts);
    ws.upsert(win());
    expect(kinds(ws, S - 1, spotUntil(S))).toEqual([]);
    expect(kinds(ws, S + 500, spotUntil(S - 1))).toEqual([]);
    expect(kinds(ws, S + 1000, spotUntil(S))).toEqual(["open"]);
    const told = new LiveWindows(opts);
    told.upsert(win({ priceToBeat: 65026.45 }));
    expect(kinds(told, S, spotUntil(0))).toEqual(["open"]);
  });

  it("marks a window missed when the floor arrives after its end", () => {
    const ws = new LiveWindows(opts);
    const lw = ws.upsert(win());
    expect(kinds(ws, E, spotUntil(E))).toEqual([]);
    expect(lw.phase).toBe("missed");
  });

  it("closes at the end with the spot at the end, or after the grace with the latest spot", () => {
    const ws = new LiveWindows(opts);
    const lw = ws.upsert(win());
    lw.phase = "open";
    expect(kinds(ws, E - 1, spotUntil(E))).toEqual([]);
    expect(kinds(ws, E + 100, spotUntil(E - 1000))).toEqual([]);
    expect(kinds(ws, E + 100, spotUntil(E))).toEqual(["close"]);
    expect(kinds(ws, E + 10_000, spotUntil(E - 1000))).toEqual(["close"]);
  });

  it("polls for the outcome after the close, derives it after giving up, then forgets the window", () => {
    const ws = new LiveWindows(opts);
    const lw = ws.upsert(win());
    lw.phase = "closed";
    expect(kinds(ws, E + 1000, spotUntil(E))).toEqual(["poll"]);
    expect(kinds(ws, E + 600_000, spotUntil(E))).toEqual(["derive"]);
    lw.phase = "resolved";
    ws.actions(E + 3_600_000, spotUntil(E));
    expect(ws.get(lw.w.slug)).toBeUndefined();
  });

  it("follows the tokens of listed and open windows and finds windows by token or condition", () => {
    const ws = new LiveWindows(opts);
    ws.upsert(win());
    const next = ws.upsert(win({ slug: "next", upTokenId: "333", downTokenId: "444", conditionId: `0x${"2".repeat(64)}` }));
    expect(ws.tokens()).toEqual(["111", "222", "333", "444"]);
    next.phase = "closed";
    expect(ws.tokens()).toEqual(["111", "222"]);
    expect(ws.byToken("444")).toBe(next);
    expect(ws.byCondition(`0x${"2".repeat(64)}`)).toBe(next);
    expect(ws.upsert(win({ tickSize: 10_000 })).w.tickSize).toBe(10_000); // refreshed, phase kept
  });
});
