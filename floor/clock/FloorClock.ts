import type { ActorOptions, AnyActorLogic } from "xstate";

/** XState's timer interface (not exported by name). */
export type Clock = NonNullable<ActorOptions<AnyActorLogic>["clock"]>;

/** The floor's time source. Agents read time only from here, never from Date.now(). */
export interface FloorClock {
  readonly kind: "wall" | "sim";
  /** Floor time, ms since the epoch. */
  now(): number;
  /** The timer API handed to XState actors, so `after` delays run on floor time. */
  readonly timers: Clock;
}
