import { z } from "zod";
import { ordered } from "./configChecks.ts";

/**
 * The `supervision:` section of config/floor.yaml: how the supervisor restarts an agent that
 * crashed (a handler or clock hook threw, its actor failed, or its heartbeats stopped), and when
 * it gives up. All times are floor ms. Models: OTP's restart intensity (at most `intensity`
 * restarts within `periodMs`, then escalate: OTP's default 1 in 5 s) and Akka's
 * restartWithBackoff (a first wait that doubles up to a cap, reset after a stable run);
 * ../shared/reference/anchors.md §4. docs/BOSS.md, "Supervision".
 */
export const SupervisionConfig = z
  .object({
    /** The wait before the first restart after a crash; each further crash in a row doubles it. */
    backoffMs: z.number().int().min(0).max(60_000).default(1_000),
    /** The most a restart waits. */
    backoffMaxMs: z.number().int().min(0).max(600_000).default(30_000),
    /** An agent that has run this long since its last restart crashes afresh: its wait starts again at `backoffMs`. */
    resetAfterMs: z.number().int().min(1_000).max(3_600_000).default(60_000),
    /** At most this many restarts within `periodMs`; one more is an escalation: the agent is marked failed. */
    intensity: z.number().int().min(1).max(100).default(1),
    periodMs: z.number().int().min(1_000).max(600_000).default(5_000),
    /** Every agent's host heartbeats on `hb.<id>` this often, unless its agent is stuck (a handler unsettled for longer). */
    heartbeatMs: z.number().int().min(1_000).max(60_000).default(10_000),
    /** The watchdog restarts an agent whose last heartbeat is older than this many intervals. */
    missedBeats: z.number().int().min(2).max(20).default(3),
  })
  .strict()
  .superRefine(ordered(["backoffMs", "backoffMaxMs"]));
export type SupervisionConfig = z.infer<typeof SupervisionConfig>;
