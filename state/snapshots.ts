import type { Db } from "./openDb.ts";
import { stmt } from "./stmt.ts";

/**
 * Checkpoint an actor's persisted snapshot, given as JSON text (the caller has serialised it
 * already). The machine version guards against restoring an incompatible one.
 */
export function saveSnapshot(db: Db, agentId: string, machineVersion: string, snapshotJson: string, ts: number): void {
  stmt(
    db,
    `INSERT INTO snapshots (agent_id, machine_version, snapshot_json, ts) VALUES (?, ?, ?, ?)
     ON CONFLICT(agent_id) DO UPDATE SET machine_version = excluded.machine_version, snapshot_json = excluded.snapshot_json, ts = excluded.ts`,
  ).run(agentId, machineVersion, snapshotJson, ts);
}

/** The last snapshot of an agent, if one was saved by the same machine version. */
export function loadSnapshot(db: Db, agentId: string, machineVersion: string): unknown | undefined {
  const row = stmt(db, "SELECT machine_version, snapshot_json FROM snapshots WHERE agent_id = ?").get(agentId) as
    | { machine_version: string; snapshot_json: string }
    | undefined;
  if (!row || row.machine_version !== machineVersion) return undefined;
  return JSON.parse(row.snapshot_json);
}

/** Forget an agent's snapshot: an agent born again under a retired id starts its machine afresh. */
export function deleteSnapshot(db: Db, agentId: string): void {
  stmt(db, "DELETE FROM snapshots WHERE agent_id = ?").run(agentId);
}
