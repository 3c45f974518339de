import { describe, expect, it } from "vitest";
import type { Signal, WorkingOrder } from "./Action.ts";
import { reconcile } from "./reconcile.ts";

const quote = (outcome: "Up" | "Down", price: number, size = 100_000_000, type: Signal["type"] = "GTC"): Signal => ({ marketId: "m", tokenId: outcome === "Up" ? "1" : "2", outcome, side: "BUY", type, price, size, belief: 0.5, postOnly: type === "GTC" });
const working = (intentId: string, order: Signal, filled = 0, cancelling = false): WorkingOrder => ({ intentId, order, filled, cancelling });

describe("reconcile", () => {
  it("keeps a working quote that still serves (its queue place), cancels the stale, places the new", () => {
    const w = [working("a", quote("Up", 480_000)), working("b", quote("Down", 500_000))];
    const r = reconcile(w, [quote("Up", 480_000), quote("Down", 510_000)]);
    expect(r.keep.map((x) => x.intentId)).toEqual(["a"]);
    expect(r.cancel.map((x) => x.intentId)).toEqual(["b"]);
    expect(r.place).toEqual([quote("Down", 510_000)]);
  });
  it("replaces a quote whose size left is far from the size wanted", () => {
    const r = reconcile([working("a", quote("Up", 480_000, 100_000_000), 80_000_000)], [quote("Up", 480_000, 100_000_000)]);
    expect(r.cancel.map((x) => x.intentId)).toEqual(["a"]);
    expect(r.place).toHaveLength(1);
  });
  it("leaves orders being cancelled to their cancel, and never stacks a taker order on a working one", () => {
    const fak = quote("Up", 500_000, 10_000_000, "FAK");
    const r = reconcile([working("c", quote("Up", 470_000), 0, true), working("f", fak)], [fak, quote("Down", 400_000, 10_000_000, "FAK")]);
    expect(r.cancel).toEqual([]);
    expect(r.place).toEqual([quote("Down", 400_000, 10_000_000, "FAK")]);
  });
});
