import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RiskConfig, SHARE_STEP, type FeeSchedule } from "../../../protocols/index.ts";
import { buyCost, costPerShare, riskGate, type Exposure, type GateIntent, type GateState, type Mode } from "./index.ts";

const M = 1_000_000;

/** Limits anywhere in their bounds, in the order the schema asks (a trade ≤ a market ≤ an underlying ≤ the floor, a trade ≤ an agent), or the defaults. */
const anyRisk = fc.tuple(fc.array(fc.double({ min: 0.001, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }), fc.double({ min: 0.001, max: 1, noNaN: true }), fc.double({ min: 0.01, max: 1, noNaN: true }))
  .map(([f, agent, maxEdge]) => {
    const [perTradeMaxPct, perMarketMaxPct, perUnderlyingMaxPct, floorMaxOpenPct] = [...f].sort((a, b) => a - b) as [number, number, number, number];
    return RiskConfig.parse({ perTradeMaxPct, perMarketMaxPct, perUnderlyingMaxPct, floorMaxOpenPct, perAgentMaxPct: Math.max(agent, perTradeMaxPct), maxEdge });
  });
const risk = fc.oneof(fc.constant(RiskConfig.parse({})), anyRisk);

const fee: fc.Arbitrary<FeeSchedule | undefined> = fc.option(
  fc.record({ rate: fc.double({ min: 0, max: 0.25, noNaN: true }), exponent: fc.constantFrom(0, 1, 2), takerOnly: fc.constant(true), currency: fc.constantFrom("usd" as const, "shares" as const) }),
  { nil: undefined },
);

/** A share of capital in thousandths (fast-check's doubles crowd near 0 and the extremes). */
const part = (max: number) => fc.integer({ min: 0, max: max * 1000 }).map((x) => x / 1000);
const rarely = <T>(a: fc.Arbitrary<T>, usual: fc.Arbitrary<T>) => fc.oneof({ arbitrary: usual, weight: 9 }, { arbitrary: a, weight: 1 });

/** A ledger and book in any state, caps already passed included: open costs as shares of the floor's capital, from none to over any cap. */
const exposure: fc.Arbitrary<Exposure> = fc
  .record({
    capital: fc.integer({ min: 100, max: 1_000_000 }).map((x) => x * M),
    allocated: rarely(fc.constant(0), part(0.5)), cash: fc.integer({ min: -10, max: 500 }).map((x) => x / 1000),
    agent: rarely(part(0.5), part(0.1)), floor: rarely(part(1), part(0.4)), market: rarely(part(0.6), part(0.2)), underlying: rarely(part(0.8), part(0.3)), held: part(0.2),
    symbol: fc.constantFrom("BTCUSD", "ETHUSD"),
    minSize: fc.integer({ min: 0, max: 20 }).map((x) => x * M),
    spotAgeMs: rarely(fc.integer({ min: 0, max: 300_000 }), fc.integer({ min: 0, max: 5_000 })), bookAgeMs: fc.integer({ min: 0, max: 12_000 }), dataLimitMs: fc.constantFrom(10_000, 120_000),
    fee,
  })
  .map(({ capital, allocated, cash, agent, floor, market, underlying, held, fee: f, ...rest }) => {
    const of = (x: number) => Math.round(capital * x);
    return { floorCapital: capital, allocated: of(allocated), agentCash: of(cash), agentOpenCost: of(agent), floorOpenCost: of(floor), marketOpenCost: of(market), underlyingOpenCost: of(underlying), heldShares: of(held), ...rest, ...(f ? { fee: f } : {}) };
  });

const intent: fc.Arbitrary<GateIntent> = fc.record({
  side: fc.constantFrom("BUY" as const, "BUY" as const, "BUY" as const, "SELL" as const),
  type: fc.constantFrom("FAK" as const, "FOK" as const, "GTC" as const, "GTD" as const),
  price: fc.integer({ min: 1, max: 99 }).map((c) => c * 10_000),
  size: fc.oneof(fc.integer({ min: 1, max: 200 * M }), fc.integer({ min: 1, max: 2_000_000 * M })),
  belief: fc.double({ min: 0, max: 1, noNaN: true }),
  postOnly: fc.boolean(),
});

const mode = rarely(fc.constantFrom<Mode>("reducing", "halted"), fc.constant<Mode>("active"));
const state: fc.Arbitrary<GateState> = fc.record({
  floor: mode.map((m) => ({ mode: m })), agent: mode.map((m) => ({ mode: m })),
  orderTokens: rarely(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 1, max: 60, noNaN: true })),
  cancelTokens: rarely(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 1, max: 120, noNaN: true })),
});

/** Every cap as room left for the buy's cost (riskGate.ts names them; restated here from DESIGN's limits). */
function rooms(x: Exposure, r: RiskConfig): number[] {
  const cap = (pct: number) => Math.floor(x.floorCapital * pct);
  return [cap(r.perTradeMaxPct), x.agentCash, cap(r.perAgentMaxPct) - x.agentOpenCost, cap(r.floorMaxOpenPct) - x.floorOpenCost, cap(r.perMarketMaxPct) - x.marketOpenCost, cap(r.perUnderlyingMaxPct) - x.underlyingOpenCost];
}

describe("riskGate over random intents and ledger states", () => {
  it("never approves anything that takes a limit over its cap, and while reducing or halted only sells of shares held", () => {
    fc.assert(
      fc.property(intent, exposure, risk, state, (i, x, r, s) => {
        const v = riskGate(i, x, r, s);
        if (!v.approved) return;
        const size = v.resize?.size ?? i.size;
        expect(size).toBeLessThanOrEqual(i.size);
        expect(x.allocated).toBeGreaterThan(0);
        expect(s.orderTokens).toBeGreaterThanOrEqual(1);
        if (i.type === "GTC" || i.type === "GTD") expect(s.cancelTokens).toBeGreaterThanOrEqual(1);
        if (s.floor.mode !== "active" || s.agent.mode !== "active") {
          expect(i.side).toBe("SELL");
          expect(size).toBeLessThanOrEqual(x.heldShares);
        }
        if (i.side === "SELL") return;
        expect(Math.max(x.spotAgeMs, x.bookAgeMs)).toBeLessThanOrEqual(x.dataLimitMs);
        expect(i.belief - costPerShare(i.price, size, x.fee, i.postOnly)).toBeLessThanOrEqual(r.maxEdge + 1e-9);
        const cost = buyCost(i.price, size, x.fee);
        for (const room of rooms(x, r)) expect(cost).toBeLessThanOrEqual(room);
        if (v.resize) {
          // A resize is whole size steps, not below the market's minimum, and the largest that fits.
          expect(size % SHARE_STEP).toBe(0);
          expect(size).toBeGreaterThanOrEqual(Math.max(x.minSize, SHARE_STEP));
          expect(size + SHARE_STEP > i.size || rooms(x, r).some((room) => buyCost(i.price, size + SHARE_STEP, x.fee) > room)).toBe(true);
          expect(v.resize.reason).toMatch(/^resized from /);
        }
      }),
      { numRuns: 5_000 },
    );
  });

  it("approves at full size any buy that fits every cap and passes every check", () => {
    const passing = fc.record({ i: intent, x: exposure, r: risk }).filter(({ i, x, r }) =>
      i.side === "BUY" && x.allocated > 0 && Math.max(x.spotAgeMs, x.bookAgeMs) <= x.dataLimitMs && i.belief - costPerShare(i.price, i.size, x.fee, i.postOnly) <= r.maxEdge &&
      rooms(x, r).every((room) => buyCost(i.price, i.size, x.fee) <= room));
    const open: GateState = { floor: { mode: "active" }, agent: { mode: "active" }, orderTokens: 60, cancelTokens: 120 };
    fc.assert(fc.property(passing, ({ i, x, r }) => void expect(riskGate(i, x, r, open)).toEqual({ approved: true })), { numRuns: 300 });
  });
});
