import { anchorPath, auditHead, metaAnchor, sidecarAnchor, storedHashAt, writeAnchor } from "./auditAnchor.ts";
import { anchorProblem, checkAnchors } from "./checkAnchors.ts";
import type { Db } from "./openDb.ts";
import { recoverAudit } from "./recoverAudit.ts";

/**
 * Before a floor writes to its audit log: the log must still reach the anchors the last run left
 * (else re-anchoring would hide a deleted tail), then the head is anchored as this run's start.
 * A missing anchor (an older floor's file, or one copied without its sidecar) is anchored afresh.
 * After an unclean stop, what the crash kept off one side is recorded as recovered first, unless
 * `recover` is false: a split floor's roles, whose ledger and audit log are replicas still catching up.
 */
export function anchorAtStart(db: Db, dbPath: string, floorTime: number, opts: { recover?: boolean } = {}): void {
  const head = auditHead(db);
  const hashAt = (seq: number) => storedHashAt(db, seq);
  const sources = [{ name: "floor meta", stored: metaAnchor(db) }, { name: anchorPath(dbPath), stored: sidecarAnchor(dbPath) }] as const;
  for (const { name, stored } of sources) {
    const p = stored.state === "ok" ? anchorProblem(name, stored.anchor, head, hashAt) : undefined;
    if (p) throw new Error(`${dbPath}: ${p}; the floor will not write to an audit log that lost its tail (see floor audit verify --db ${dbPath})`);
  }
  const last = checkAnchors(...sources, head, hashAt).freshest;
  if (last?.running && opts.recover !== false) recoverAudit(db, last.floorTime, floorTime);
  writeAnchor(db, dbPath, { floorTime, running: true });
}
