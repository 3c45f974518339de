import { formatMicro, type SelectionConfig } from "../../../protocols/index.ts";
import { edgeWeights } from "./edgeWeights.ts";
import { movesTo, type Move } from "./movesTo.ts";

/** A live agent to fund: its per-trade returns and what it holds now (micro-USD). */
export interface Candidate {
  id: string;
  returns: readonly number[];
  allocated: number;
  /**
   * On probation (a small fixed allocation) or shared by edge. By default: fewer than
   * probationTrades trades. The boss says so for its own clones only; the floor's starting roster
   * shares by edge from the first review, shrunk to equal weights while its records are short.
   */
  probation?: boolean;
}

export interface AllocationSettings extends Pick<SelectionConfig, "probationTrades" | "probationPct" | "shrinkTrades"> {
  /** RiskConfig's cap on one agent's capital, a fraction of floor capital. */
  perAgentMaxPct: number;
  /** Floor capital (micro-USD), the base of every percentage. */
  floorCapital: number;
  /** What the candidates may hold between them (micro-USD): what they hold now plus the floor's free cash. */
  available: number;
}

/** An agent's capital after the review (micro-USD), and why. */
export interface Target {
  id: string;
  amount: number;
  reason: string;
}

export interface Allocation {
  /** One per candidate, in the order given. */
  targets: Target[];
  moves: Move[];
  /** What stays on the floor: available − Σ targets (micro-USD). */
  unallocated: number;
}

const pct = (x: number): string => `${(100 * x).toFixed(2)}%`;

function checkMicro(name: string, v: number): void {
  if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${name} must be a non-negative integer of micro-USD: ${v}`);
}

/**
 * Target capital per live agent, in integer micro-USD, and the transfers that get there. A newborn
 * (fewer than probationTrades trades) gets probationPct of floor capital, in the order given while
 * capital lasts. The rest is shared by `edgeWeights` (toward mean/variance, shrunk toward equal
 * by record length). Every target is rounded down and capped at perAgentMaxPct of floor capital,
 * so the sum never exceeds `available` and the remainder stays on the floor.
 */
export function allocate(agents: readonly Candidate[], cfg: AllocationSettings): Allocation {
  checkMicro("floorCapital", cfg.floorCapital);
  checkMicro("available", cfg.available);
  for (const a of agents) checkMicro(`${a.id}.allocated`, a.allocated);
  if (new Set(agents.map((a) => a.id)).size !== agents.length) throw new RangeError("agent ids must be unique");
  const cap = Math.floor(cfg.perAgentMaxPct * cfg.floorCapital);
  const targets = new Map<string, Target>();
  let left = cfg.available;
  const probation = Math.min(cap, Math.floor(cfg.probationPct * cfg.floorCapital));
  const onProbation = (a: Candidate) => a.probation ?? a.returns.length < cfg.probationTrades;
  for (const a of agents.filter(onProbation)) {
    const amount = Math.min(probation, left);
    left -= amount;
    const short = amount < probation ? ` (only ${formatMicro(amount)} left)` : "";
    targets.set(a.id, { id: a.id, amount, reason: `probation: ${a.returns.length} of ${cfg.probationTrades} trades, ${formatMicro(probation)}${short}` });
  }
  const veterans = agents.filter((x) => !onProbation(x));
  edgeWeights(veterans.map((v) => v.returns), cfg.shrinkTrades).forEach((w, i) => {
    const id = veterans[i]!.id;
    const share = Math.floor(w.weight * left);
    const why = `${w.n} trades: edge μ/σ² ${w.score.toFixed(4)} (μ ${w.mean.toFixed(4)}, σ ${w.sd.toFixed(4)}), λ ${w.lambda.toFixed(3)}: ${pct(w.weight)} of the pool ${formatMicro(left)}`;
    targets.set(id, share > cap ? { id, amount: cap, reason: `${why}, capped at ${pct(cfg.perAgentMaxPct)} of floor capital` } : { id, amount: share, reason: why });
  });
  const list = agents.map((a) => targets.get(a.id)!);
  return { targets: list, moves: movesTo(agents, list), unallocated: cfg.available - list.reduce((s, t) => s + t.amount, 0) };
}
