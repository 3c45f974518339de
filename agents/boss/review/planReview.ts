import type { SelectionConfig } from "../../../protocols/index.ts";
import { sharpeMoments } from "../../../floor/stats/index.ts";
import { judge, type Judgement, type TrackRecord } from "../selection/index.ts";

export interface ReviewInput {
  /** The live traders' ids. */
  traders: readonly string[];
  /** The record of every trader ever born on the floor, by id (the dead ones count as trials). */
  records: ReadonlyMap<string, TrackRecord>;
  /** Trader variants ever born on this floor, this review's live ones included. */
  everTried: number;
  /** Clones already born in this UTC day of floor time. */
  birthsToday: number;
  cfg: SelectionConfig;
}

export interface ReviewPlan {
  /** Every live trader, judged. */
  judged: Array<{ agentId: string; judgement: Judgement }>;
  /**
   * Killed: retired through the supervisor at once. Its entries stop with it (the exchange takes
   * back its working orders); its open positions run to settlement and each payout returns to the floor.
   */
  kill: Array<{ agentId: string; reason: string }>;
  /** Parents to clone, best deflated Sharpe first, within the population cap and the day's births. */
  clone: Array<{ parentId: string; reason: string }>;
}

/**
 * The trials for the deflated Sharpe ratio: how many variants were ever tried, and the spread
 * (ddof 0, as the DSR paper) of the Sharpe ratios of those with at least `minTrades` trades. A
 * shorter record's ratio is mostly noise: counted as a trial, it is left out of the spread, which
 * it would inflate (30 trades at SR −1.3 would make every real winner look lucky).
 */
export function trialsOf(records: ReadonlyMap<string, TrackRecord>, everTried: number, minTrades: number): { sd: number; n: number } {
  const srs: number[] = [];
  for (const r of records.values()) if (r.returns.length >= Math.max(2, minTrades)) srs.push(sharpeMoments(r.returns).sr);
  const mean = srs.reduce((a, b) => a + b, 0) / Math.max(1, srs.length);
  const sd = srs.length >= 2 ? Math.sqrt(srs.reduce((a, x) => a + (x - mean) ** 2, 0) / srs.length) : 0;
  return { sd, n: Math.max(1, everTried, srs.length) };
}

/**
 * One review (pure): judge every live trader against every variant ever tried, kill what the
 * judgement kills, and pick the parents to clone. Population cap and daily births bound the
 * clones; a parent gets one per review.
 */
export function planReview(x: ReviewInput): ReviewPlan {
  const trials = trialsOf(x.records, x.everTried, x.cfg.minTrades);
  const plan: ReviewPlan = { judged: [], kill: [], clone: [] };
  const clones: Array<{ parentId: string; dsr: number; reason: string }> = [];
  for (const id of x.traders) {
    const judgement = judge(x.records.get(id) ?? { returns: [], drawdown: 0 }, trials, x.cfg);
    plan.judged.push({ agentId: id, judgement });
    if (judgement.action === "kill") plan.kill.push({ agentId: id, reason: judgement.reason });
    if (judgement.action === "clone") clones.push({ parentId: id, dsr: judgement.numbers.dsr, reason: judgement.reason });
  }
  const alive = x.traders.length - plan.kill.length;
  const room = Math.max(0, Math.min(x.cfg.maxTraders - alive, x.cfg.birthsPerDay - x.birthsToday));
  plan.clone = clones.sort((a, b) => b.dsr - a.dsr || a.parentId.localeCompare(b.parentId)).slice(0, room).map(({ parentId, reason }) => ({ parentId, reason }));
  return plan;
}
