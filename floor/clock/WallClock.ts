import type { Clock, FloorClock } from "./FloorClock.ts";

/** Real time, for paper and live trading. */
export class WallClock implements FloorClock {
  readonly kind = "wall" as const;
  readonly timers: Clock = {
    setTimeout: (fn: (...args: unknown[]) => void, ms: number) => setTimeout(fn, ms),
    clearTimeout: (id: unknown) => clearTimeout(id as NodeJS.Timeout),
  };
  now(): number {
    return Date.now();
  }
}
