/**
 * One tracked order: its intent, signed order and id, fills, and its orderMachine snapshot, which
 * alone decides whether the order may be sent (again).
 */
import type { SignedOrder } from "@polymarket/clob-client-v2";
import { initialTransition, transition, type SnapshotFrom } from "xstate";
import { orderMachine, type OrderEvent as OrderMachineEvent } from "../orderMachine.ts";
import type { LiveEvent, LiveIntent } from "./events.ts";

export type Life = SnapshotFrom<typeof orderMachine>;
/** States in which the venue has the order (so its trades are ours to follow). */
export const AT_VENUE = ["live", "partiallyFilled", "filled", "cancelled", "expired"] as const;

export interface IntentEntry {
  intent: LiveIntent;
  /** Absent for orders adopted at start-up: those are tracked, never re-posted. */
  signed?: SignedOrder;
  orderId: string;
  /** The order's lifecycle (orderMachine): it alone decides whether the order may be sent (again). */
  life: Life;
  /** fillId -> last venue status reported */
  trades: Map<string, { status: string; size: number }>;
  filled: number;
  events: LiveEvent[];
  postAttempts: number;
}

export const newLife = (size: number): Life => initialTransition(orderMachine, { size })[0];
/** An order sent and acknowledged in an earlier life of the floor. */
export const ackedLife = (size: number): Life =>
  [{ type: "SEND" } as const, { type: "ACK" } as const].reduce((s, e) => transition(orderMachine, s, e)[0], newLife(size));
export const step = (e: IntentEntry, ev: OrderMachineEvent): void => void (e.life = transition(orderMachine, e.life, ev)[0]);
export const atVenue = (e: IntentEntry): boolean => AT_VENUE.some((s) => e.life.matches(s));

/** Trade statuses after which nothing more happens to a trade. */
const FINAL_TRADE = new Set(["CONFIRMED", "FAILED"]);
/**
 * Still worth asking the venue about: resting (it may fill), or holding a trade that is not final
 * (a MATCHED one may yet fail). A filled order whose trades are confirmed, or a closed one without
 * trades, is done: polling it forever would grow the poll with every order of the day.
 */
export const inPlay = (e: IntentEntry): boolean =>
  atVenue(e) && (e.life.matches("live") || e.life.matches("partiallyFilled") || [...e.trades.values()].some((t) => !FINAL_TRADE.has(t.status)));

/** A tracked order with no fills or events yet; `signed` only for orders signed here. */
export function newEntry(intent: LiveIntent, orderId: string, life: Life, signed?: SignedOrder): IntentEntry {
  return { intent, ...(signed ? { signed } : {}), orderId, life, trades: new Map(), filled: 0, events: [], postAttempts: 0 };
}
