import type { RiskConfig } from "../../../protocols/index.ts";
import { age, record } from "./errorWindow.ts";
import type { RiskEvent } from "./RiskEvent.ts";
import { dayOf, type RiskState } from "./RiskState.ts";

/** A new UTC day of floor time starts the day's figures again, from the equity it opens with. */
function rollDay(s: RiskState, now: number): RiskState {
  const day = dayOf(now);
  return day > s.day ? { ...s, day, dayOpenEquity: s.equity, dayPnl: 0 } : s;
}

/** A settlement with a loss lengthens its agent's streak, one with a gain ends it; a flat one leaves it. */
function streakAfter(streak: number, pnl: number): number {
  if (pnl < 0) return streak + 1;
  return pnl > 0 ? 0 : streak;
}

function settled(s: RiskState, e: Extract<RiskEvent, { type: "settled" }>): RiskState {
  const equity = s.equity + e.pnl;
  const streaks = e.alive && e.agentId in s.streaks ? { ...s.streaks, [e.agentId]: streakAfter(s.streaks[e.agentId]!, e.pnl) } : s.streaks;
  return { ...s, dayPnl: s.dayPnl + e.pnl, equity, highWater: Math.max(s.highWater, equity), streaks };
}

function without<T>(r: Record<string, T>, key: string): Record<string, T> {
  if (!(key in r)) return r;
  const { [key]: _gone, ...rest } = r;
  return rest;
}

const MEASURES: { [K in RiskEvent["type"]]: (s: RiskState, e: Extract<RiskEvent, { type: K }>, windowMs: number) => RiskState } = {
  settled,
  answered: (s, e, w) => ({ ...s, errors: record(s.errors, e.now, w, e.error) }),
  spotMove: (s) => s,
  tick: (s) => s,
  born: (s, e) => (e.agentId in s.streaks ? s : { ...s, streaks: { ...s.streaks, [e.agentId]: 0 } }),
  gone: (s, e) => {
    const streaks = without(s.streaks, e.agentId);
    const agentTrips = without(s.agentTrips, e.agentId);
    return streaks === s.streaks && agentTrips === s.agentTrips ? s : { ...s, streaks, agentTrips };
  },
};

/** The book's figures after an event: the day rolled, the event counted, the error window slid. Unchanged, the same object. */
export function measure(s: RiskState, e: RiskEvent, risk: RiskConfig): RiskState {
  const windowMs = risk.errorWindowSec * 1000;
  const next = (MEASURES[e.type] as (s: RiskState, e: RiskEvent, w: number) => RiskState)(rollDay(s, e.now), e, windowMs);
  const errors = age(next.errors, e.now, windowMs);
  return errors === next.errors ? next : { ...next, errors };
}
