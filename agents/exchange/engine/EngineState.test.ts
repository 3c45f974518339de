import { describe, expect, it } from "vitest";
import { fromCheckpointJson, toCheckpointJson } from "../../../floor/checkpoint/checkpointJson.ts";
import { MarketEngine, type EngineConfig, type EngineState } from "./index.ts";

const M = 1_000_000;
const cfg: EngineConfig = { tickSize: 10_000, minSize: 5 * M, fee: { rate: 0.07, exponent: 1, takerOnly: true }, rebateRate: 0.2 };
const lv = (p: number, q: number) => ({ price: p * 10_000, size: q * M });

describe("an engine restored from its checkpoint", () => {
  it("keeps resting orders in their queue places, orders in flight, the fill numbering and the seen ids", () => {
    const a = new MarketEngine(cfg);
    a.snapshot({ bids: [lv(48, 100)], asks: [lv(52, 30)] }, 0);
    a.submit({ orderId: "first", side: "BUY", outcome: "Up", price: 48 * 10_000, size: 20 * M, type: "GTC" }, 1); // behind 100 external
    a.submit({ orderId: "taker", side: "BUY", outcome: "Up", price: 52 * 10_000, size: 10 * M, type: "FAK" }, 2); // fill #1
    a.submit({ orderId: "late", side: "BUY", outcome: "Up", price: 48 * 10_000, size: 10 * M, type: "GTC", expiresAt: 9_000 }, 3, 500); // in flight
    const b = MarketEngine.restore(fromCheckpointJson(toCheckpointJson(a.save())) as EngineState);
    expect(b.orders()).toEqual(a.orders());
    // What happens next happens to both alike: the late order arrives, a print eats the queue, a duplicate is refused, the GTD expires.
    for (const e of [a, b]) e.advance(3_500);
    const next = (e: MarketEngine) => [
      e.trade({ price: 48 * 10_000, size: 115 * M, side: "SELL" }, 4_000),
      e.submit({ orderId: "taker", side: "BUY", outcome: "Up", price: 52 * 10_000, size: 10 * M, type: "FAK" }, 5_000),
      e.advance(9_000),
      e.orders(),
    ];
    const ea = next(a);
    expect(next(b)).toEqual(ea);
    expect(JSON.stringify(ea)).toMatch(/first#2/);
  });

  it("restores a fresh engine's clock of -Infinity", () => {
    const b = MarketEngine.restore(fromCheckpointJson(toCheckpointJson(new MarketEngine(cfg).save())) as EngineState);
    expect(b.now).toBe(-Infinity);
  });
});
