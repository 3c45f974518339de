import type { Bus, BusHealth } from "../bus/index.ts";
import { clock } from "../runner/index.ts";
import { busCounts } from "./formatHealth.ts";

/** What to say when the bus's state changed from `was` to `now`, if it did. */
export function busNotice(was: BusHealth["state"], now: Readonly<BusHealth>, downSince: number): string | undefined {
  if (was === now.state) return undefined;
  if (now.state === "reconnecting") {
    return `bus DOWN at ${clock(now.since)}${now.lastError ? `: ${now.lastError}` : ""}; the floor waits for it (order and audit messages are kept and resent)`;
  }
  return `bus back at ${clock(now.since)} after ${((now.since - downSince) / 1000).toFixed(1)} s down (${busCounts(now)}); the floor resumes from now`;
}

/**
 * Say on stderr when the bus goes down and when it is back: a floor waiting on a dead bus is
 * otherwise silent (its steps wait for the bus). Polls, because a frozen floor still runs timers.
 */
export function watchBus(bus: Bus, say: (line: string) => void, everyMs = 250): { stop(): void } {
  let state = bus.health.state;
  let downSince = bus.health.since;
  const timer = setInterval(() => {
    const h = bus.health;
    const line = busNotice(state, h, downSince);
    if (!line) return;
    say(line);
    state = h.state;
    downSince = h.since;
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
