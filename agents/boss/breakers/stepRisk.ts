import type { RiskConfig } from "../../../protocols/index.ts";
import type { Mode } from "../gate/index.ts";
import { FLOOR_BREAKERS } from "./floorBreakers.ts";
import { LOSS_STREAK } from "./lossStreak.ts";
import { measure } from "./measure.ts";
import type { RiskEvent } from "./RiskEvent.ts";
import type { Breaker, RiskState, Trip } from "./RiskState.ts";
import type { BreakerDef, TripFacts } from "./BreakerDef.ts";

/** A breaker tripped or resumed: `scope` is "floor" or the agent's id. Audited with its numbers. */
export interface BreakerChange {
  action: "trip" | "resume";
  scope: string;
  breaker: Breaker;
  /** The trading state it imposed. */
  mode: Exclude<Mode, "active">;
  reason: string;
  since: number;
  until: number | null;
  numbers: Record<string, number | string>;
}

const omit = <T>(r: Record<string, T>, key: string): Record<string, T> => Object.fromEntries(Object.entries(r).filter(([k]) => k !== key));
const over = (t: Trip, def: BreakerDef<never>, s: RiskState, r: RiskConfig, now: number) => (t.until !== null ? now >= t.until : !def.holds?.(s, r));
const tripOf = (def: BreakerDef<never>, f: TripFacts, now: number): Trip => ({ breaker: def.name, mode: def.mode, since: now, ...f });

/**
 * The risk book after one event, and every breaker that tripped or resumed on it: the event is
 * measured, trips whose time is up (or whose measure fell back) resume, then each breaker checks
 * its limit. Pure; an event that changes nothing returns the same book.
 */
export function stepRisk(before: RiskState, e: RiskEvent, r: RiskConfig): { state: RiskState; changes: BreakerChange[] } {
  let s = measure(before, e, r);
  const changes: BreakerChange[] = [];
  for (const def of FLOOR_BREAKERS) {
    const t = s.floorTrips[def.name];
    if (!t || !over(t, def, s, r, e.now)) continue;
    const res = def.resume(s, r, e.now);
    s = { ...res.state, floorTrips: omit(res.state.floorTrips, def.name) };
    changes.push({ ...t, action: "resume", scope: "floor", reason: res.why, until: e.now, numbers: res.numbers });
  }
  for (const [agentId, t] of Object.entries(s.agentTrips)) {
    if (!over(t, LOSS_STREAK, s, r, e.now)) continue;
    const res = LOSS_STREAK.resume(s, r, e.now, agentId);
    s = { ...res.state, agentTrips: omit(res.state.agentTrips, agentId) };
    changes.push({ ...t, action: "resume", scope: agentId, reason: res.why, until: e.now, numbers: res.numbers });
  }
  for (const def of FLOOR_BREAKERS) {
    const f = def.check(s, e, r);
    const t = s.floorTrips[def.name];
    if (!f || (t && (!def.renews || f.until === t.until))) continue;
    const trip = t ? { ...t, until: f.until, numbers: f.numbers } : tripOf(def, f, e.now);
    s = { ...s, floorTrips: { ...s.floorTrips, [def.name]: trip } };
    if (!t) changes.push({ ...trip, action: "trip", scope: "floor" });
  }
  if (e.type === "settled" && e.agentId in s.streaks && !s.agentTrips[e.agentId]) {
    const f = LOSS_STREAK.check(s, e, r, e.agentId);
    if (f) {
      const trip = tripOf(LOSS_STREAK, f, e.now);
      s = { ...s, agentTrips: { ...s.agentTrips, [e.agentId]: trip } };
      changes.push({ ...trip, action: "trip", scope: e.agentId });
    }
  }
  return { state: s, changes };
}

/** The book after an event (stepRisk without the changes). */
export const breakers = (s: RiskState, e: RiskEvent, r: RiskConfig): RiskState => stepRisk(s, e, r).state;
