import { anchorPath, auditHead, metaAnchor, sidecarAnchor, storedHashAt } from "./auditAnchor.ts";
import { auditFacts } from "./auditFacts.ts";
import { ledgerFacts } from "./ledgerFacts.ts";
import { verifyAudit } from "./auditLog.ts";
import { checkAnchors } from "./checkAnchors.ts";
import { describeDiscrepancy } from "./describeDiscrepancy.ts";
import { FACT_KINDS, matchFacts } from "./matchFacts.ts";
import type { Db } from "./openDb.ts";
import { reconcileLedger } from "./reconcileLedger.ts";

export const CHECKS = ["integrity", "chain", "anchor", "ledger", "reconcile"] as const;
export interface CheckResult {
  name: (typeof CHECKS)[number];
  ok: boolean;
  /** What was found, in one line. */
  summary: string;
  problems: string[];
}
export interface FloorVerdict {
  ok: boolean;
  entries: number;
  head: string;
  checks: CheckResult[];
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;

/** A check that could not read what it checks (a corrupted page) fails with SQLite's reason rather than throwing. */
function guarded(name: CheckResult["name"], run: () => Omit<CheckResult, "name" | "ok">): CheckResult {
  try {
    const r = run();
    return { name, ok: r.problems.length === 0, ...r };
  } catch (e) {
    return { name, ok: false, summary: "could not be read", problems: [(e as Error).message] };
  }
}

/**
 * Everything `audit verify` checks, read in one snapshot (a running floor may write meanwhile):
 * SQLite's integrity check, the audit chain, its head against the anchors, the ledger's own
 * invariants, and every ledger movement against its audit record. Opens nothing and writes nothing.
 */
export function verifyFloor(db: Db, dbPath: string): FloorVerdict {
  const sidecar = sidecarAnchor(dbPath); // before the snapshot: an anchor older than the head it is read against
  let entries = 0;
  let head = "";
  let inFlightFrom: number | undefined;
  const checks: CheckResult[] = [];
  db.exec("BEGIN");
  try {
    checks.push(guarded("integrity", () => {
      const rows = (db.pragma("integrity_check(20)") as Array<{ integrity_check: string }>).flatMap((r) => r.integrity_check.split("\n"));
      return rows.join() === "ok" ? { summary: "SQLite's integrity check passed", problems: [] } : { summary: "SQLite's integrity check failed", problems: rows };
    }));
    checks.push(guarded("chain", () => {
      const v = verifyAudit(db);
      entries = v.entries;
      if (v.ok) head = v.head;
      return v.ok ? { summary: `${v.entries} entries, head ${v.head}`, problems: [] } : { summary: "hash chain broken", problems: [`entry ${v.brokenAt}: ${v.reason} (${v.entries} entries verified before it)`] };
    }));
    checks.push(guarded("anchor", () => {
      const h = auditHead(db);
      const r = checkAnchors({ name: "floor meta", stored: metaAnchor(db) }, { name: anchorPath(dbPath), stored: sidecar }, h, (seq) => storedHashAt(db, seq));
      if (r.freshest?.running) inFlightFrom = r.freshest.floorTime;
      const at = r.freshest ? `, anchored at ${r.freshest.count}#${r.freshest.hash.slice(0, 8)}${r.freshest.running ? " by a floor still running" : ""}` : "";
      return { summary: `head ${h.count}#${h.hash.slice(0, 8)}${at}`, problems: r.problems };
    }));
    checks.push(guarded("ledger", () => ({ summary: "positions = fills; cash = deposits + realized pnl − open cost", problems: reconcileLedger(db).map(describeDiscrepancy) })));
    checks.push(guarded("reconcile", () => {
      const m = matchFacts(ledgerFacts(db), auditFacts(db), inFlightFrom);
      const pending = m.pending > 0 ? `; ${m.pending} after the last anchor not yet on both sides (the floor is running, or did not stop cleanly)` : "";
      return { summary: FACT_KINDS.map((k) => plural(m.counts[k], k)).join(", ") + pending, problems: m.problems };
    }));
  } finally {
    db.exec("ROLLBACK");
  }
  return { ok: checks.every((c) => c.ok), entries, head, checks };
}
