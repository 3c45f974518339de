import type { LifeVerb } from "../../../protocols/index.ts";

/** An agent's life as the monitor heard it: alive since `since` (null while down), floor ms alive before that, restarts. */
export interface LifeTime {
  since: number | null;
  upMs: number;
  restarts: number;
}

export const NOT_SEEN: LifeTime = { since: null, upMs: 0, restarts: 0 };

/** What each lifecycle verb does to the clock: start it (a birth, a restart), stop it (an end), or nothing. */
const EFFECT: Record<LifeVerb, "start" | "restart" | "stop" | "none"> = { spawn: "start", clone: "start", restarted: "restart", failed: "stop", retired: "stop", reconfigured: "none" };

/** Fold one `floor.life.<verb>` fact at floor ms `ts`. */
export function lifeEvent(l: LifeTime, verb: LifeVerb, ts: number): LifeTime {
  const effect = EFFECT[verb];
  if (effect === "none") return l;
  if (effect === "stop") return l.since === null ? l : { ...l, since: null, upMs: l.upMs + Math.max(0, ts - l.since) };
  const restarts = l.restarts + (effect === "restart" ? 1 : 0);
  return { ...l, since: l.since ?? ts, restarts };
}

/** A sign of life (a heartbeat, when the monitor listens to them): an agent it has not seen start is alive from now. */
export const seenAlive = (l: LifeTime, ts: number): LifeTime => (l.since === null ? { ...l, since: ts } : l);

/** Floor ms alive up to `now`. */
export const uptimeOf = (l: LifeTime, now: number): number => l.upMs + (l.since === null ? 0 : Math.max(0, now - l.since));
