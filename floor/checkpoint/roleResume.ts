import { getMeta, setMeta, type Db } from "../../state/index.ts";
import { SNAPSHOT_EVERY_MS } from "./periodicResume.ts";
import type { Resume } from "./Resume.ts";

/**
 * One role's process of a split floor: every write commits as it is made (the other roles have
 * already read what it published: nothing can be rolled back and re-run), actors resume from their
 * snapshots, and the floor time is noted at every step. In sim, `--until` counts from the
 * simulation's beginning, as in one process, so a role restarted with the same command ends with the rest.
 */
export function roleResume(db: Db, opts: { mode: string; simStart: number }): Resume {
  const origin = Number(getMeta(db, "origin") ?? (opts.mode === "sim" ? opts.simStart : NaN));
  if (getMeta(db, "origin") === undefined && opts.mode === "sim") setMeta(db, "origin", String(origin));
  return {
    snapshotEveryMs: SNAPSHOT_EVERY_MS,
    forHost: () => undefined,
    shared: () => undefined,
    endAt: (start, untilMs) => (untilMs === undefined ? Infinity : (Number.isNaN(origin) ? start : origin) + untilMs),
    stepped(t) {
      setMeta(db, "floorTime", String(t));
      return true;
    },
    stopping() {},
    stopped(now) {
      setMeta(db, "floorTime", String(now));
    },
  };
}
