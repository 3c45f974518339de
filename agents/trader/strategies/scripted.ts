import { MICRO } from "../../../protocols/index.ts";
import { strategyCore, type Account, type Action, type EntryDefaults, type MarketView, type Signal, type StrategyDef } from "../core/index.ts";

/** The scripted market's window: 15 minutes from T0, strike $95,000, the sim's fee schedule (pUSD, 20% maker rebate). */
export const T0 = 1_767_225_600_000;
export const MARKET: MarketView = {
  marketId: "m1", upTokenId: "111", downTokenId: "222", strike: 95_000, startTs: T0, endTs: T0 + 900_000,
  fee: { rate: 0.07, exponent: 1, takerOnly: true, rebateRate: 0.2 }, tickSize: 10_000, minSize: 5 * MICRO,
};
export const TRADING: Account = { cash: 1_000 * MICRO, capital: 1_000 * MICRO, mode: "trading" };

/** A placed order as the test sees it: the core's order and the id the "host" gave it. */
export type Placed = Signal & { intentId: string };

/**
 * A strategy's core driven by a script, as the trader's host drives it: market open, spot, books,
 * decisions (each order the core asks for is "placed" under a fresh id, as the host does), fills
 * and order ends. For unit tests on scripted markets.
 */
export function scripted<P extends EntryDefaults>(def: StrategyDef, params: P, market: MarketView = MARKET) {
  const core = strategyCore(def.name, def.create(params as never), params);
  const orders = new Map<string, Placed>();
  let n = 0;
  core.onMarket(market);
  return {
    core,
    market,
    orders,
    spot(priceUsd: number, ts: number) {
      core.onSpot(priceUsd, ts);
    },
    /** A book top in dollars (`tokenId` defaults to the Up token). */
    book(bid: number | undefined, ask: number | undefined, ts: number, size = 1_000, tokenId = market.upTokenId) {
      core.onBook(market.marketId, { bid: bid === undefined ? undefined : Math.round(bid * MICRO), ask: ask === undefined ? undefined : Math.round(ask * MICRO), bidSize: size * MICRO, askSize: size * MICRO, ts }, tokenId);
    },
    /** Decide at `now`: the actions, with each order placed under a new id. */
    decide(now: number, account: Account = TRADING): Array<Action & { placed?: Placed }> {
      return core.decide(now, account).map((a) => {
        if (a.type !== "order") return a;
        const placed = { ...a.order, intentId: `i${++n}` };
        orders.set(placed.intentId, placed);
        core.placed(placed.intentId, a.order);
        return { ...a, placed };
      });
    },
    /** `shares` of a placed order fill (its outcome's shares come or go by its side). */
    fill(intentId: string, shares: number) {
      const o = orders.get(intentId)!;
      const size = Math.round(shares * MICRO);
      core.onOrder({ type: "fill", intentId, marketId: o.marketId, outcome: o.outcome, size, sharesDelta: o.side === "BUY" ? size : -size });
    },
    /** The venue is done with an order: cancelled, the rest of a FAK, rejected. */
    done(intentId: string) {
      core.onOrder({ type: "done", intentId });
    },
  };
}

/** The orders among some actions. */
export const ordersOf = (actions: ReadonlyArray<Action & { placed?: Placed }>): Placed[] => actions.flatMap((a) => (a.type === "order" && a.placed ? [a.placed] : []));
/** The cancels among some actions. */
export const cancelsOf = (actions: readonly Action[]) => actions.filter((a): a is Extract<Action, { type: "cancel" }> => a.type === "cancel");
