import { existsSync } from "node:fs";
import { openDb } from "../../state/index.ts";
import { simProgress, type SimProgress } from "../checkpoint/index.ts";
import { formatDuration } from "./formatDuration.ts";
import { UsageError } from "./UsageError.ts";

/** What `floor start` runs, given what the database already holds. */
export interface StartPlan {
  /** The seed in effect: the database's when it has one, else `--seed`, else 1. */
  seed: number;
  /** A banner line saying where a resumed simulation stands and how far `--until` takes it. */
  resuming?: string;
  /** Set when the simulation is already past `--until`: why nothing runs. */
  done?: string;
  /** Where `--until` counts from, in words for the banner. */
  untilFrom: string;
}

const when = (ms: number) => new Date(ms).toISOString().replace("T", " ").slice(0, 19);

/**
 * A simulation continues with the seed it began with (another `--seed` is refused), and `--until`
 * is floor time since it began (docs/RESUME.md). Other modes run in real time: `--seed` or 1.
 */
export function simResumePlan(o: { mode: string; dbPath: string; seed: number | undefined; until: string | undefined; untilMs: number | undefined; simStart: number }): StartPlan {
  if (o.mode !== "sim") return { seed: o.seed ?? 1, untilFrom: "from now" };
  const untilFrom = "since the simulation began";
  const p = o.dbPath !== ":memory:" && existsSync(o.dbPath) ? progressOf(o.dbPath) : {};
  const seed = o.seed ?? p.seed ?? 1;
  if (p.floorTime === undefined) return { seed, untilFrom }; // nothing simulated yet: any seed may begin it
  if (o.seed !== undefined && p.seed !== undefined && o.seed !== p.seed) {
    throw new UsageError(`--seed ${o.seed} differs from seed ${p.seed} of ${o.dbPath}: a simulation resumes with the seed it began with (leave out --seed, or use another --db)`);
  }
  const origin = p.origin ?? o.simStart;
  const at = `${when(p.floorTime)} (${formatDuration(p.floorTime - origin)} since the simulation began)`;
  if (o.untilMs === undefined) return { seed, untilFrom, resuming: `  resuming   at ${at}` };
  const left = origin + o.untilMs - p.floorTime;
  if (left <= 0) return { seed, untilFrom, done: `already at ${at}, past --until ${o.until}: nothing to run` };
  return { seed, untilFrom, resuming: `  resuming   at ${at}; --until ${o.until} runs ${formatDuration(left)} more` };
}

function progressOf(path: string): SimProgress {
  const db = openDb(path, { readonly: true });
  try {
    return simProgress(db);
  } finally {
    db.close();
  }
}
