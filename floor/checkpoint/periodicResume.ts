import { setMeta, type Db } from "../../state/index.ts";
import type { Resume } from "./Resume.ts";

/** How often (in steps) the floor time is noted while running, so a kill loses at most this much of it. */
const NOTE_EVERY_STEPS = 60;
/** Floor ms between writes of a snapshot whose context alone changed: a kill loses at most this much of an actor's context (the ledger none). */
export const SNAPSHOT_EVERY_MS = 1000;

/**
 * Paper, live and replay: time is real (or recorded), so a restart does not re-run what was missed;
 * it reconciles with what the ledger holds (restartReconciler.ts). Only the floor time is kept, and
 * `--until` counts from this run's start.
 */
export function periodicResume(db: Db): Resume {
  let steps = 0;
  return {
    snapshotEveryMs: SNAPSHOT_EVERY_MS,
    forHost: () => undefined,
    shared: () => undefined,
    endAt: (start, untilMs) => (untilMs === undefined ? Infinity : start + untilMs),
    stepped(t) {
      if (++steps % NOTE_EVERY_STEPS === 0) setMeta(db, "floorTime", String(t));
      return true; // every write commits as it is made
    },
    stopping() {},
    stopped(now) {
      setMeta(db, "floorTime", String(now));
    },
  };
}
