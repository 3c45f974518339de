import { SimulatedClock } from "xstate";
import type { FloorClock } from "./FloorClock.ts";

/**
 * Simulated time for sim and replay: it moves only when told, and moving it fires the
 * XState `after` timers that came due (XState's own SimulatedClock underneath).
 */
export class SimClock implements FloorClock {
  readonly kind = "sim" as const;
  private readonly inner = new SimulatedClock();
  readonly timers = this.inner;

  constructor(startMs: number) {
    this.inner.set(startMs);
  }

  now(): number {
    return this.inner.now();
  }

  /** Advance to `ms` (never backwards) and run the timers now due. */
  advanceTo(ms: number): void {
    this.inner.set(ms);
  }
}
