import type { RiskStatus, RiskTripStatus } from "../../state/index.ts";
import { floorMode, type RiskState, type Trip } from "./breakers/index.ts";

const tripStatus = (t: Trip): RiskTripStatus => ({ breaker: t.breaker, mode: t.mode, reason: t.reason, since: t.since, until: t.until });

/** The book as `floor status` shows it: the floor's state and its breakers, the agents held back by their own, the day's figures. */
export function riskStatusOf(book: RiskState): RiskStatus {
  return {
    floor: { mode: floorMode(book).mode, trips: Object.values(book.floorTrips).map(tripStatus) },
    agents: Object.fromEntries(Object.entries(book.agentTrips).map(([id, t]) => [id, { mode: t.mode, trips: [tripStatus(t)] }])),
    dayPnl: book.dayPnl,
    equity: book.equity,
    highWater: book.highWater,
  };
}
