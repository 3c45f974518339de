import { listAgents, type AgentRecord } from "../../state/index.ts";
import type { FloorView } from "./FloorView.ts";

/** The figures the dashboard shows from an agent's latest `metrics.<id>` (micro-USD; skill against the market). */
export function metricsFigures(m: Record<string, unknown> | undefined) {
  if (!m) return null;
  const f = m.forecast as { skill?: number | null; skillLo?: number | null; skillHi?: number | null; brier?: number | null } | undefined;
  return {
    ts: m.ts ?? null, pnl: m.pnl ?? null, realizedPnl: m.realizedPnl ?? null, unrealizedPnl: m.unrealizedPnl ?? null, equity: m.equity ?? null,
    skill: f?.skill ?? null, skillLo: f?.skillLo ?? null, skillHi: f?.skillHi ?? null, brier: f?.brier ?? null,
  };
}

/** Its ancestors, nearest first (a clone's parent, its parent's parent...). */
export function lineageOf(id: string, parents: ReadonlyMap<string, string | null>): string[] {
  const out: string[] = [];
  for (let p = parents.get(id); p && !out.includes(p) && out.length < 100; p = parents.get(p)) out.push(p);
  return out;
}

/** A trader's strategy and parameters, as its config names them (other kinds have none). */
export function strategyOf(config: unknown): { strategy: string | null; params: unknown } {
  const c = (config ?? {}) as { strategy?: unknown; params?: unknown };
  return { strategy: typeof c.strategy === "string" ? c.strategy : null, params: c.params ?? null };
}

/**
 * Every agent ever born, one complete row each (the page sorts them): the registry's facts, the
 * live state of a running one, the ledger's money (USD, as `/api/status`), and the monitor's
 * latest figures (micro-USD).
 */
export function agentRows(view: FloorView) {
  const status = view.status();
  const { db } = view.floor();
  const records = listAgents(db);
  const parents = new Map(records.map((r) => [r.agentId, r.parentId]));
  const money = new Map(status.agents.map((a) => [a.id, a]));
  return records.map((r) => row(r, view, status.live[r.agentId]?.state, money.get(r.agentId), parents));
}

export function row(r: AgentRecord, view: FloorView, live: string | undefined, money: { capital: number; cash: number; pnl: number; fills: number } | undefined, parents: ReadonlyMap<string, string | null>) {
  return {
    id: r.agentId, kind: r.kind, ...strategyOf(r.config),
    state: live ?? r.state, alive: r.diedTs === null,
    capital: money?.capital ?? 0, cash: money?.cash ?? 0, pnl: money?.pnl ?? 0, fills: money?.fills ?? 0,
    metrics: metricsFigures(view.feed().metrics.get(r.agentId)),
    parentId: r.parentId, lineage: lineageOf(r.agentId, parents),
    bornTs: r.bornTs, diedTs: r.diedTs, deathReason: r.deathReason, origin: r.origin,
  };
}
