import type { SupervisionConfig } from "../../protocols/index.ts";

export type Beat = "beat" | "withhold" | "notDue";

/**
 * Whether a host heartbeats at `now`: once per interval, unless its agent is stuck, i.e. one of
 * its handlers has been unsettled for longer than an interval (then the beat is withheld, and
 * asked again at every step until the handler settles or the watchdog acts).
 */
export function heartbeatRule(now: number, lastBeat: number, stuckForMs: number, s: Pick<SupervisionConfig, "heartbeatMs">): Beat {
  if (now - lastBeat < s.heartbeatMs) return "notDue";
  return stuckForMs > s.heartbeatMs ? "withhold" : "beat";
}

/** The watchdog's limit: an agent whose last heartbeat (or restart) is older than `missedBeats` intervals is hung. */
export function hungAfterMs(s: Pick<SupervisionConfig, "heartbeatMs" | "missedBeats">): number {
  return s.missedBeats * s.heartbeatMs;
}
