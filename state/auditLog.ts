import { createHash } from "node:crypto";
import type { Db } from "./openDb.ts";
import { stmt } from "./stmt.ts";

export interface AuditEntry {
  ts: number;
  kind: string;
  severity: "info" | "violation" | "invalid" | "error";
  src: string;
  subject?: string | undefined;
  detail: Record<string, unknown>;
}

/** The link of the first entry (and the head of an empty log). */
export const GENESIS = "0".repeat(64);

function entryHash(prev: string, seq: number, e: { ts: number; kind: string; severity: string; src: string; subject: string | null; detailJson: string }): string {
  return createHash("sha256")
    .update([prev, seq, e.ts, e.kind, e.severity, e.src, e.subject ?? "", e.detailJson].join("\u001f"))
    .digest("hex");
}

/** Append one fact; its hash covers the previous entry's hash, so any later edit breaks the chain. */
export const appendAudit = (db: Db, e: AuditEntry): { seq: number; hash: string } =>
  db.transaction(() => {
    const last = stmt(db, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").get() as { seq: number; hash: string } | undefined;
    const seq = (last?.seq ?? 0) + 1;
    const prev = last?.hash ?? GENESIS;
    const detailJson = JSON.stringify(e.detail);
    const hash = entryHash(prev, seq, { ts: e.ts, kind: e.kind, severity: e.severity, src: e.src, subject: e.subject ?? null, detailJson });
    stmt(db, "INSERT INTO audit_log (seq, ts, kind, severity, src, subject, detail_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)").run(
      seq, e.ts, e.kind, e.severity, e.src, e.subject ?? null, detailJson, prev, hash,
    );
    return { seq, hash };
  }).immediate();

export type AuditVerdict = { ok: true; entries: number; head: string } | { ok: false; entries: number; brokenAt: number; reason: string };

/** Recompute the whole chain; reports the first entry whose stored hash or link does not hold. */
export function verifyAudit(db: Db): AuditVerdict {
  let prev = GENESIS;
  let n = 0;
  let expectSeq = 1;
  for (const r of stmt(db, "SELECT * FROM audit_log ORDER BY seq").iterate() as Iterable<Record<string, unknown>>) {
    const seq = Number(r.seq);
    if (seq !== expectSeq) return { ok: false, entries: n, brokenAt: expectSeq, reason: `entry ${expectSeq} is missing` };
    if (r.prev_hash !== prev) return { ok: false, entries: n, brokenAt: seq, reason: "link to the previous entry does not match" };
    const hash = entryHash(prev, seq, {
      ts: Number(r.ts), kind: String(r.kind), severity: String(r.severity), src: String(r.src),
      subject: (r.subject as string | null) ?? null, detailJson: String(r.detail_json),
    });
    if (hash !== r.hash) return { ok: false, entries: n, brokenAt: seq, reason: "content does not match its hash" };
    prev = hash;
    n++;
    expectSeq++;
  }
  return { ok: true, entries: n, head: prev };
}
