import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import { z } from "zod";
import { GENESIS } from "./auditLog.ts";
import { getMeta, setMeta } from "./meta.ts";
import type { Db } from "./openDb.ts";
import { stmt } from "./stmt.ts";

/**
 * The audit chain's head (entries and the last hash) copied outside the audit table, so a
 * deleted tail shows: a chain may run ahead of its anchor, never behind it. `floorTime` is the
 * floor's clock when it was taken, `running` whether the floor carried on after it.
 */
export const AuditAnchor = z.object({
  count: z.number().int().nonnegative(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  floorTime: z.number().int(),
  running: z.boolean(),
});
export type AuditAnchor = z.infer<typeof AuditAnchor>;
export type AuditHead = Pick<AuditAnchor, "count" | "hash">;

export const ANCHOR_META_KEY = "auditAnchor";
export const anchorPath = (dbPath: string): string => `${dbPath}.anchor`;

/** The last entry's sequence number and hash (0 and the genesis hash for an empty log). */
export function auditHead(db: Db): AuditHead {
  const r = stmt(db, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").get() as { seq: number; hash: string } | undefined;
  return r ? { count: r.seq, hash: r.hash } : { count: 0, hash: GENESIS };
}

/** The stored hash of entry `seq` (the genesis hash for 0), undefined when there is no such entry. */
export function storedHashAt(db: Db, seq: number): string | undefined {
  if (seq === 0) return GENESIS;
  return (stmt(db, "SELECT hash FROM audit_log WHERE seq = ?").get(seq) as { hash: string } | undefined)?.hash;
}

/** An anchor as stored: absent, unreadable (with why), or the anchor. */
export type StoredAnchor = { state: "missing" } | { state: "unreadable"; error: string } | { state: "ok"; anchor: AuditAnchor };

function parseAnchor(text: string | undefined): StoredAnchor {
  if (text === undefined) return { state: "missing" };
  try {
    const r = AuditAnchor.safeParse(JSON.parse(text));
    return r.success ? { state: "ok", anchor: r.data } : { state: "unreadable", error: r.error.issues[0]?.message ?? "not an anchor" };
  } catch (e) {
    return { state: "unreadable", error: (e as Error).message };
  }
}

export const metaAnchor = (db: Db): StoredAnchor => parseAnchor(getMeta(db, ANCHOR_META_KEY));

export function sidecarAnchor(dbPath: string): StoredAnchor {
  let text: string;
  try {
    text = readFileSync(anchorPath(dbPath), "utf8");
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ENOENT" ? { state: "missing" } : { state: "unreadable", error: (e as Error).message };
  }
  return parseAnchor(text);
}

/**
 * Anchor the chain's head now: in floor meta, then in the sidecar (written to a temporary file,
 * synced and renamed over the old one, so a crash leaves the old anchor or the new, never half).
 */
export function writeAnchor(db: Db, dbPath: string, at: { floorTime: number; running: boolean }): AuditAnchor {
  const anchor: AuditAnchor = { ...auditHead(db), ...at };
  const text = JSON.stringify(anchor);
  setMeta(db, ANCHOR_META_KEY, text);
  if (dbPath === ":memory:") return anchor;
  const tmp = `${anchorPath(dbPath)}.tmp`;
  const fd = openSync(tmp, "w");
  try {
    writeSync(fd, `${text}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, anchorPath(dbPath));
  return anchor;
}
