import type { RiskConfig } from "../../../protocols/index.ts";
import type { RiskEvent } from "./RiskEvent.ts";
import type { Breaker, RiskState, Trip } from "./RiskState.ts";

/** What a breaker says when it trips, or when it renews a trip already standing. */
export type TripFacts = Pick<Trip, "until" | "reason" | "numbers">;

/** What resuming changes in the book (the drawdown's mark, an agent's streak) and why it resumed. */
export interface Resumption {
  state: RiskState;
  why: string;
  numbers: Record<string, number | string>;
}

/**
 * One breaker: the trading state it imposes, when it trips, and how it resumes. A trip with an
 * `until` ends at that floor time; one without ends when `holds` no longer does.
 */
export interface BreakerDef<Scope = void> {
  readonly name: Breaker;
  readonly mode: Trip["mode"];
  /** A trip standing is renewed (its `until` pushed on) each time this finds the limit passed again. */
  readonly renews?: boolean;
  check(s: RiskState, e: RiskEvent, r: RiskConfig, scope: Scope): TripFacts | undefined;
  holds?(s: RiskState, r: RiskConfig): boolean;
  resume(s: RiskState, r: RiskConfig, now: number, scope: Scope): Resumption;
}
