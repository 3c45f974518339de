import { MICRO, type Outcome } from "../../protocols/index.ts";
import { takerFee } from "../../floor/pricing/index.ts";
import { strategyCore, type MarketView, type StrategyDef } from "../../agents/trader/core/index.ts";
import { CRYPTO_FEE } from "../helpers/scriptedMarket.ts";

/** One scripted window: its Up book's best bid and ask (micro-USD, held the whole window) and how it resolves. */
export interface ScriptedWindow {
  bid: number;
  ask: number;
  outcome: Outcome;
}

/** A filled entry and how it came out, per share in USD: `pnl` = (1 if it won) − price − fee. */
export interface PlayedEntry {
  window: number;
  /** Floor time of the order (ms; window i opens at i × windowSec s). */
  ts: number;
  outcome: Outcome;
  price: number;
  fee: number;
  won: boolean;
  pnl: number;
  /** The belief the core bought on (the intent's). */
  belief: number;
}

/**
 * A strategy over back-to-back scripted windows, as the trader's host drives it: each window
 * opens (`<prefix>-<i>`), its book comes every second, the core decides every second, and each
 * order it asks for fills whole at its price (a taker's FAK against a book deep enough), then the
 * window settles. Spot stays flat (the ground-truth strategies do not read it). Returns the
 * entries with their outcome per share, the taker fee at the price paid included (the sim's
 * schedule: 0.07 × p(1 − p), in pUSD).
 */
export function playWindows(def: StrategyDef, params: Record<string, unknown>, windows: readonly ScriptedWindow[], windowSec = 60, prefix = "w"): PlayedEntry[] {
  const p = def.params.parse(params);
  const core = strategyCore(def.name, def.create(p), p);
  const out: PlayedEntry[] = [];
  let n = 0;
  windows.forEach((w, i) => {
    const startTs = i * windowSec * 1000;
    const m: MarketView = { marketId: `${prefix}-${i}`, upTokenId: "1", downTokenId: "2", strike: 100, startTs, endTs: startTs + windowSec * 1000, fee: CRYPTO_FEE, tickSize: 10_000, minSize: 5 * MICRO };
    core.onMarket(m);
    for (let ts = startTs; ts < m.endTs; ts += 1000) {
      core.onSpot(100, ts);
      core.onBook(m.marketId, { bid: w.bid, ask: w.ask, bidSize: 10_000 * MICRO, askSize: 10_000 * MICRO, ts });
      for (const a of core.decide(ts, { cash: 1_000 * MICRO, capital: 1_000 * MICRO, mode: "trading" })) {
        if (a.type !== "order") continue;
        const id = `i${++n}`;
        core.placed(id, a.order);
        core.onOrder({ type: "fill", intentId: id, marketId: m.marketId, outcome: a.order.outcome, size: a.order.size, sharesDelta: a.order.size });
        const price = a.order.price / MICRO;
        const fee = takerFee("BUY", MICRO, a.order.price, CRYPTO_FEE).feeUsd / MICRO;
        const won = a.order.outcome === w.outcome;
        out.push({ window: i, ts, outcome: a.order.outcome, price, fee, won, pnl: (won ? 1 : 0) - price - fee, belief: a.order.belief });
      }
    }
    core.onMarket(null);
    core.onResolved(m.marketId, w.outcome);
    core.onOrder({ type: "settle", marketId: m.marketId });
  });
  return out;
}
