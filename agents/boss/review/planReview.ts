import type { SelectionConfig } from "../../../protocols/index.ts";
import { judge, type Judgement, type TrackRecord } from "../selection/index.ts";

export interface ReviewInput {
  /** The live traders' ids. */
  traders: readonly string[];
  /** The record of each trader by id (at least the live ones'; a missing one is empty). */
  records: ReadonlyMap<string, TrackRecord>;
  /** Trader variants ever born on this floor, the dead and this review's live ones included: the DSR's trials. */
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
 * One review (pure): judge every live trader against every variant ever tried (their count; the
 * live ones are among them whatever `everTried` says), kill what the judgement kills, and pick the
 * parents to clone. Population cap and daily births bound the clones; a parent gets one per review.
 */
export function planReview(x: ReviewInput): ReviewPlan {
  const trials = Math.max(1, x.everTried, x.traders.length);
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
