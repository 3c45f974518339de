import type { CtlVerb } from "../../../protocols/index.ts";
import type { Mode, ModeOf } from "../gate/index.ts";
import type { RiskState, Trip } from "./RiskState.ts";

const SEVERITY: Record<Mode, number> = { active: 0, reducing: 1, halted: 2 };

/** What the boss tells a trader whose trading state becomes this one. */
export const VERB_OF: Record<Mode, CtlVerb> = { active: "resume", reducing: "reduce", halted: "pause" };

/** The most severe of the states, with its reason (the first named among equals). */
export function worst(...modes: ModeOf[]): ModeOf {
  return modes.reduce((a, b) => (SEVERITY[b.mode] > SEVERITY[a.mode] ? b : a), { mode: "active" });
}

const ofTrips = (trips: Iterable<Trip | undefined>): ModeOf => worst(...[...trips].flatMap((t) => (t ? [{ mode: t.mode, reason: t.reason }] : [])));

/** The floor's trading state: its most severe breaker tripped, or active. */
export const floorMode = (s: RiskState): ModeOf => ofTrips(Object.values(s.floorTrips));

/** The agent's own trading state (its losing streak), not counting the floor's. */
export const agentMode = (s: RiskState, agentId: string): ModeOf => ofTrips([s.agentTrips[agentId]]);

/** What an agent may do: the floor's state and its own, the more severe. */
export const effectiveMode = (s: RiskState, agentId: string): ModeOf => worst(floorMode(s), agentMode(s, agentId));
