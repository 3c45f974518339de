import { anchorAtStart, getMeta, setMeta, type Db } from "../../state/index.ts";
import type { MarketSource } from "../host/index.ts";

/**
 * A run's start in its ledger: the floor time it starts from (where the last run stopped, if one
 * ran), the anchors checked there, and a run id of its own committed before anything else, so a
 * sim that is killed and re-simulated still gets message ids of its own.
 */
export function beginRun(db: Db, dbPath: string, source: MarketSource, o: { seed: number; recover: boolean }): { start: number; runId: number; resumed: boolean } {
  const resumeAt = getMeta(db, "floorTime");
  const start = source.start(resumeAt === undefined ? undefined : Number(resumeAt));
  anchorAtStart(db, dbPath, start, { recover: o.recover });
  const runId = Number(getMeta(db, "runs") ?? 0) + 1;
  setMeta(db, "runs", String(runId));
  setMeta(db, "mode", source.mode);
  if (resumeAt === undefined) setMeta(db, "seed", String(o.seed));
  return { start, runId, resumed: resumeAt !== undefined };
}
