import { getMeta, setMeta } from "./meta.ts";
import type { Db } from "./openDb.ts";

/** A breaker standing: the trading state it imposes, why, since and until when (floor ms; null: until its measure falls back). */
export interface RiskTripStatus {
  breaker: string;
  mode: "reducing" | "halted";
  reason: string;
  since: number;
  until: number | null;
}

/** The floor's and the agents' trading states as the boss last wrote them (`floor status` shows them). */
export interface RiskStatus {
  floor: { mode: "active" | "reducing" | "halted"; trips: RiskTripStatus[] };
  /** Agents whose own state is not active (a losing streak). */
  agents: Record<string, { mode: "reducing" | "halted"; trips: RiskTripStatus[] }>;
  /** The UTC day's realised PnL, realised equity and its high-water mark, micro-USD. */
  dayPnl: number;
  equity: number;
  highWater: number;
}

const KEY = "risk";

export function writeRiskStatus(db: Db, s: RiskStatus): void {
  setMeta(db, KEY, JSON.stringify(s));
}

/** What the boss last wrote; null before it wrote anything. */
export function readRiskStatus(db: Db): RiskStatus | null {
  const raw = getMeta(db, KEY);
  return raw === undefined ? null : (JSON.parse(raw) as RiskStatus);
}
