import { getMeta, setMeta, type Db } from "../../state/index.ts";
import type { HostCheckpoint } from "../host/index.ts";
import { fromCheckpointJson, toCheckpointJson } from "./checkpointJson.ts";
import type { CheckpointedFloor, Resume } from "./Resume.ts";

/** Bump when what hosts save changes shape; an older checkpoint is then not restored. */
const FORMAT = 1;
/** Wall time between commits: a kill re-simulates at most this much, a reader of the file sees the floor this late. */
export const COMMIT_EVERY_MS = 1000;
/** Wall time between commits while commands wait on one for their replies: a reply is that late at most, the checkpoints that many a second. */
export const COMMIT_SOON_MS = 100;
/**
 * A checkpoint grows with the floor (hundreds of traders' spot windows are megabytes): the next
 * regular commit waits at least this many times as long as the last one took, so writing them
 * stays within about a tenth of the floor's time.
 */
export const COMMIT_COST_FACTOR = 10;

/** Every agent at one quiescent step, written in the same transaction as the ledger rows up to that step. */
interface SimCheckpoint {
  format: number;
  floorTime: number;
  hosts: Record<string, HostCheckpoint>;
  /** What the agents share (a symbol's spot tape, once for all its traders); absent in checkpoints from before it. */
  shared?: Record<string, unknown>;
}

/**
 * The sim resumes exactly: the run is one SQLite transaction from checkpoint to checkpoint. At the
 * end of a step (the bus idle, so nothing is half done) every agent's in-memory state and the floor
 * time are written beside the ledger rows, actor snapshots and audit entries of that step, and
 * committed together. A clean stop commits at its last step; a kill loses the open transaction,
 * so the file is exactly as it was at the last checkpoint, which the next run continues from, and
 * the same seed re-simulates the same steps. docs/RESUME.md.
 */
export function exactResume(db: Db, opts: { seed: number; simStart: number }): Resume {
  const resumed = getMeta(db, "floorTime") !== undefined;
  const dbSeed = getMeta(db, "seed");
  if (resumed && dbSeed !== undefined && dbSeed !== String(opts.seed)) throw new Error(`seed ${opts.seed} differs from seed ${dbSeed} of this database: a simulation continues with its own seed`);
  const text = getMeta(db, "simCheckpoint");
  const parsed = resumed && text !== undefined ? (fromCheckpointJson(text) as SimCheckpoint) : undefined;
  const saved = parsed?.format === FORMAT ? parsed : undefined;
  const origin = Number(getMeta(db, "origin") ?? opts.simStart);
  db.exec("BEGIN IMMEDIATE");
  if (!resumed) setMeta(db, "origin", String(origin));
  let lastCommit = Date.now();
  let lastCost = 0;

  function write(t: number, floor: CheckpointedFloor): void {
    // A SimCheckpoint's JSON, one host at a time: each agent's save() is garbage before the next
    // is taken, instead of all of them alive at once. The hosts first: they flush what they share.
    const parts = floor.all.map((h) => `${JSON.stringify(h.id)}:${toCheckpointJson(h.checkpoint())}`);
    const shared = toCheckpointJson(floor.shared.save());
    setMeta(db, "simCheckpoint", `{"format":${FORMAT},"floorTime":${JSON.stringify(t)},"hosts":{${parts.join(",")}},"shared":${shared}}`);
    setMeta(db, "floorTime", String(t));
  }

  return {
    // Snapshots are written with each checkpoint (AgentHost.checkpoint): in between, nothing is committed anyway.
    snapshotEveryMs: Infinity,
    forHost: (id) => saved?.hosts[id],
    shared: () => saved?.shared,
    endAt: (_start, untilMs) => (untilMs === undefined ? Infinity : origin + untilMs),
    stepped(t, floor, soon = false) {
      const wait = soon ? COMMIT_SOON_MS : Math.max(COMMIT_EVERY_MS, COMMIT_COST_FACTOR * lastCost);
      if (Date.now() - lastCommit < wait) return false;
      const began = performance.now();
      write(t, floor);
      db.exec("COMMIT");
      db.exec("BEGIN IMMEDIATE");
      lastCost = performance.now() - began;
      lastCommit = Date.now();
      return true;
    },
    stopping(lastStep, floor) {
      if (lastStep !== undefined) write(lastStep, floor);
    },
    stopped() {
      db.exec("COMMIT");
    },
  };
}
