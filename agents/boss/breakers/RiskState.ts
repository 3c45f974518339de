import type { Mode } from "../gate/index.ts";
import type { Bucket } from "./tokenBucket.ts";
import type { ErrorBucket } from "./errorWindow.ts";

export type FloorBreaker = "dailyLoss" | "drawdown" | "errorRate" | "spotMove";
export type Breaker = FloorBreaker | "lossStreak";

/** A breaker that has tripped: what it does to trading, since when, until when, and why, with its numbers. */
export interface Trip {
  breaker: Breaker;
  mode: Exclude<Mode, "active">;
  since: number;
  /** Floor time it resumes at; null when it resumes once its measure falls back (the error rate). */
  until: number | null;
  reason: string;
  numbers: Record<string, number | string>;
}

/**
 * The boss's risk book, kept in its actor's context so a restart keeps it (micro-units, floor ms):
 * the realised PnL of the current UTC day of floor time, realised equity and its high-water mark,
 * the exchange's recent answers, every breaker tripped, each living trader's losing streak, and the
 * venue's rate buckets.
 */
export interface RiskState {
  /** The UTC day of floor time (days since the epoch) the day's figures belong to. */
  day: number;
  dayOpenEquity: number;
  dayPnl: number;
  /** Deposits plus every settlement's PnL so far. */
  equity: number;
  highWater: number;
  errors: ErrorBucket[];
  floorTrips: Partial<Record<FloorBreaker, Trip>>;
  /** Living traders and their losing streaks (settlements in a row with a loss). */
  streaks: Record<string, number>;
  agentTrips: Record<string, Trip>;
  orders: Bucket;
  cancels: Bucket;
}

export const DAY_MS = 86_400_000;
export const dayOf = (ts: number) => Math.floor(ts / DAY_MS);

/** A fresh book: `equity` as the ledger has it (deposits and realised PnL), its mark there, both buckets full. */
export function initialRisk(equity: number, now: number, burst: { orders: number; cancels: number }): RiskState {
  const day = dayOf(now);
  return {
    day, dayOpenEquity: equity, dayPnl: 0, equity, highWater: equity, errors: [], floorTrips: {}, streaks: {}, agentTrips: {},
    orders: { tokens: burst.orders, ts: now }, cancels: { tokens: burst.cancels, ts: now },
  };
}
