import type { OperatorVerb } from "../../protocols/index.ts";
import { effectiveMode, VERB_OF, type Control, type RiskState } from "./breakers/index.ts";

/** The operator's holds (from the dashboard): traders paused one by one, and the whole floor. */
export interface OperatorHolds {
  agents: string[];
  floor: boolean;
}

export interface OperatorOrder {
  verb: OperatorVerb;
  /** One trader; the whole floor when absent. */
  agentId?: string;
  reason: string;
  by: string;
}

export const NO_HOLDS: OperatorHolds = { agents: [], floor: false };

/** Whether an operator's hold keeps `agentId` paused: its own, or the floor's. */
export const isHeld = (h: OperatorHolds | undefined, agentId: string): boolean => !!h && (h.floor || h.agents.includes(agentId));

/**
 * An operator's order applied to the holds, and what the boss tells the traders it concerns: a
 * pause pauses them; a resume tells each one no other hold keeps paused what the risk book says
 * (resume, reduce, or pause while a breaker stands). A trader the auditor halted is told nothing:
 * an operator's resume never lifts an auditor's halt. Traders are the living ones of the book.
 */
export function operatorControls(holds: OperatorHolds, book: RiskState, auditorHalts: readonly string[], o: OperatorOrder): { holds: OperatorHolds; controls: Control[] } {
  const pause = o.verb === "pause";
  const next: OperatorHolds = o.agentId === undefined
    ? { ...holds, floor: pause }
    : { ...holds, agents: pause ? [...new Set([...holds.agents, o.agentId])] : holds.agents.filter((id) => id !== o.agentId) };
  const concerned = o.agentId === undefined ? Object.keys(book.streaks).filter((id) => !holds.agents.includes(id)) : o.agentId in book.streaks ? [o.agentId] : [];
  const reason = `operator ${o.verb} by ${o.by}: ${o.reason}`;
  const controls = concerned
    .filter((id) => !auditorHalts.includes(id) && (pause || !isHeld(next, id)))
    .map((agentId): Control => ({ agentId, verb: pause ? "pause" : VERB_OF[effectiveMode(book, agentId).mode], reason }));
  return { holds: next, controls };
}
