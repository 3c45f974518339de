import { listAgentEvents, listAgents, recentJudgements, type AgentEvent } from "../../state/index.ts";
import type { FloorView } from "./FloorView.ts";

/** The boss's judgements served: the newest this many (a floor reviews its traders every few hours). */
export const JUDGEMENTS_KEPT = 2000;

/**
 * The family tree: every agent ever born with its parent, birth and death, who made each change
 * and why (the supervisor's agent events: one per birth, change and death), and the boss's
 * newest JUDGEMENTS_KEPT judgements with their reasons and numbers.
 */
export function lineage(view: FloorView) {
  const { db } = view.floor();
  const byAgent = new Map<string, Array<Pick<AgentEvent, "verb" | "by" | "reason" | "ts">>>();
  for (const { agentId, verb, by, reason, ts } of listAgentEvents(db)) {
    const list = byAgent.get(agentId) ?? [];
    list.push({ verb, by, reason, ts });
    byAgent.set(agentId, list);
  }
  return {
    agents: listAgents(db).map((a) => ({
      id: a.agentId, kind: a.kind, parentId: a.parentId, bornTs: a.bornTs, diedTs: a.diedTs, deathReason: a.deathReason, origin: a.origin,
      events: byAgent.get(a.agentId) ?? [],
    })),
    judgements: recentJudgements(db, JUDGEMENTS_KEPT),
  };
}
