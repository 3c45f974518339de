import type { Rng } from "../../floor/random/createRng.ts";
import { CRYPTO_FEE } from "../helpers/scriptedMarket.ts";

export interface OracleLike {
  /** Chance that the outcome it learns is the true one (the oracle's default 0.7). */
  accuracy?: number;
  /** From this trade on (0-based) the edge is gone: each trade wins as often as its cost says. */
  fallAt?: number;
}

/**
 * Per-trade returns of the known edge (oracle.ts) without a floor: fast enough to simulate
 * thousands of weeks of the edge-decay test. A window's Up mid m is uniform in [0.2, 0.8] and it
 * resolves Up with probability m (a calibrated book). The oracle learns the outcome, right with
 * probability `accuracy`, and buys the side it learnt at its mid plus half a cent of spread plus the
 * taker fee when its posterior beats that cost by 2 points with the price inside [0.2, 0.8] (its
 * defaults); else the window is skipped. The return is P&L over cost: (1 − cost)/cost on a win,
 * −1 on a loss. At accuracy 0.7 this gives SR 0.32, skew 0.36, kurt 2.8 a trade; the selection
 * sim's oracle-1 measured SR 0.315, skew 0.22, kurt 2.55 over its first 530 trades (seed 1).
 */
export function oracleLikeReturns(rng: Rng, n: number, o: OracleLike = {}): number[] {
  const accuracy = o.accuracy ?? 0.7;
  const out: number[] = [];
  while (out.length < n) {
    const m = 0.2 + 0.6 * rng.next();
    const up = rng.next() < m;
    const learntUp = rng.next() < accuracy ? up : !up;
    const mid = learntUp ? m : 1 - m;
    const posterior = (mid * accuracy) / (mid * accuracy + (1 - mid) * (1 - accuracy));
    const price = mid + 0.005;
    const cost = price + CRYPTO_FEE.rate * price * (1 - price);
    if (price < 0.2 || price > 0.8 || posterior - cost < 0.02) continue;
    const won = out.length < (o.fallAt ?? Infinity) ? learntUp === up : rng.next() < cost;
    out.push(won ? (1 - cost) / cost : -1);
  }
  return out;
}
