import { describe, expect, it } from "vitest";
import { decodeShared } from "./decodeShared.ts";

const tick = (price: number) => JSON.stringify({ v: 1, id: `f.1.${price}`, ts: 1, src: "feed", symbol: "BTCUSD", price });

describe("decodeShared", () => {
  it("returns the same frozen result for the same message, a fresh one for the next", () => {
    const a = decodeShared("md.spot.BTCUSD", tick(100));
    const b = decodeShared("md.spot.BTCUSD", tick(100));
    expect(b).toBe(a);
    if (!a.ok) throw new Error("expected ok");
    expect(Object.isFrozen(a.msg)).toBe(true);
    expect(() => {
      (a.msg as { price: number }).price = 1;
    }).toThrow(TypeError);
    const c = decodeShared("md.spot.BTCUSD", tick(101));
    expect(c).not.toBe(a);
    expect(c).toMatchObject({ ok: true, msg: { price: 101 } });
  });
  it("does not confuse the same data on another subject", () => {
    expect(decodeShared("md.spot.BTCUSD", tick(5)).ok).toBe(true);
    expect(decodeShared("md.book.m1", tick(5)).ok).toBe(false);
  });
});
