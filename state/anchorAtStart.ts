import { anchorPath, auditHead, metaAnchor, sidecarAnchor, storedHashAt, writeAnchor } from "./auditAnchor.ts";
import { anchorProblem } from "./checkAnchors.ts";
import type { Db } from "./openDb.ts";

/**
 * Before a floor writes to its audit log: the log must still reach the anchors the last run left
 * (else re-anchoring would hide a deleted tail), then the head is anchored as this run's start.
 * A missing anchor (an older floor's file, or one copied without its sidecar) is anchored afresh.
 */
export function anchorAtStart(db: Db, dbPath: string, floorTime: number): void {
  const head = auditHead(db);
  const hashAt = (seq: number) => storedHashAt(db, seq);
  for (const [name, stored] of [["floor meta", metaAnchor(db)], [anchorPath(dbPath), sidecarAnchor(dbPath)]] as const) {
    const p = stored.state === "ok" ? anchorProblem(name, stored.anchor, head, hashAt) : undefined;
    if (p) throw new Error(`${dbPath}: ${p}; the floor will not write to an audit log that lost its tail (see floor audit verify --db ${dbPath})`);
  }
  writeAnchor(db, dbPath, { floorTime, running: true });
}
