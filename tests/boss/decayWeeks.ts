import { createRng } from "../../floor/random/createRng.ts";
import { edgeDecay, type DecaySettings } from "../../agents/boss/selection/index.ts";
import { oracleLikeReturns } from "../groundtruth/oracleLikeReturns.ts";

export interface DecayWeeks {
  /** Share of the weeks flagged before the fall (all of them flagged, for a steady edge): false alarms. */
  falseAlarms: number;
  /** Share of the weeks flagged at or after the fall, by the week's end (0 with no fall). */
  caught: number;
  /** Trades from the fall to the alarm, of the weeks caught: median and 90th percentile. */
  delayMedian: number;
  delayP90: number;
}

/**
 * The edge-decay test run on `weeks` simulated records of an oracle-like edge (oracleLikeReturns),
 * each `trades` long, as the boss would see them at the week's end: the whole record at once, the
 * baseline's mean and sd estimated from each record's own first trades. With `fallAt` the edge
 * falls to 0 at that trade. Seeded: the same arguments give the same numbers.
 */
export function decayWeeks(cfg: DecaySettings, o: { weeks: number; trades: number; seed: string; accuracy?: number; fallAt?: number }): DecayWeeks {
  const rng = createRng(o.seed);
  const fall = o.fallAt ?? Infinity;
  let early = 0;
  const delays: number[] = [];
  for (let w = 0; w < o.weeks; w++) {
    const d = edgeDecay(oracleLikeReturns(rng, o.trades, { accuracy: o.accuracy, fallAt: fall }), cfg);
    if (!d.alarm) continue;
    const at = cfg.decayBaselineTrades + d.batches * cfg.decayBatch; // the trade that closed the alarming batch
    if (at <= fall) early++;
    else delays.push(at - fall);
  }
  delays.sort((a, b) => a - b);
  const pick = (q: number) => (delays.length ? delays[Math.min(delays.length - 1, Math.floor(q * delays.length))]! : NaN);
  return { falseAlarms: early / o.weeks, caught: delays.length / o.weeks, delayMedian: pick(0.5), delayP90: pick(0.9) };
}
