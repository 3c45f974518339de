import type { Resting } from "./RestingBook.ts";
import type { EngineConfig, EngineOrder, UpBookView } from "./types.ts";

/** A request on its way to the venue. */
export type InFlight = { at: number; kind: "submit"; order: EngineOrder } | { at: number; kind: "cancel"; orderId: string };

/** The venue's side of one market between two calls: config (tick and size may have changed), our view of the book, our queue positions. */
export interface MatcherState {
  cfg: EngineConfig;
  ext: UpBookView;
  resting: Resting[];
  /** Order ids the venue has seen (a duplicate is refused). */
  known: string[];
  fillsNumbered: number;
}

/** One market's engine between two calls, for an exact sim resume (docs/RESUME.md). */
export interface EngineState {
  matcher: MatcherState;
  inFlight: InFlight[];
  clock: number;
  /** Fresh-quote mode: submits that reached the venue and wait for a book recorded after them. */
  parked?: Array<{ at: number; order: EngineOrder }>;
}
