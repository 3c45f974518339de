import type { Db } from "../../state/index.ts";
import type { BreakerRow, Coverage, FactList, FactRow, Health, RefusalGroup } from "./DigestDay.ts";
import { factSummary } from "./factSummary.ts";

/** A long list of facts shows its first this many; its counts stay whole. */
export const FIRST_FACTS = 50;

interface Fact extends FactRow {
  severity: string;
  detail: Record<string, unknown>;
}

/** Which facts go where: each test reads the fact as stored (kind, severity). */
const HEALTH: Record<keyof Health, (f: Fact) => boolean> = {
  restarts: (f) => f.kind === "agent_restarted",
  failures: (f) => f.kind === "agent_failed",
  feed: (f) => f.kind.startsWith("feed_") && f.kind !== "feed_ok",
  rejections: (f) => f.severity === "invalid",
  errors: (f) => f.severity === "error",
};

/** What the audit log holds of one day [from, to) for the digest: one pass over the day's entries that matter. */
export function readAuditDay(db: Db, from: number, to: number): { coverage: Coverage; breakers: BreakerRow[]; refusals: RefusalGroup[]; violations: FactList; health: Health } {
  const rows = db
    .prepare(
      `SELECT ts, kind, severity, src, detail_json FROM audit_log WHERE ts >= ? AND ts < ?
         AND (severity != 'info' OR kind IN ('breaker', 'rejected', 'agent_restarted') OR (kind LIKE 'feed\\_%' ESCAPE '\\' AND kind != 'feed_ok')) ORDER BY seq`,
    )
    .all(from, to) as Array<{ ts: number; kind: string; severity: string; src: string; detail_json: string }>;
  const facts = rows.map((r): Fact => {
    const detail = JSON.parse(r.detail_json) as Record<string, unknown>;
    return { ts: r.ts, kind: r.kind, severity: r.severity, src: r.src, detail, summary: factSummary(detail) };
  });
  const span = db.prepare("SELECT MIN(ts) AS first, MAX(ts) AS last FROM audit_log WHERE ts >= ? AND ts < ?").get(from, to) as { first: number | null; last: number | null };
  const born = (db.prepare("SELECT MIN(ts) AS n FROM audit_log").get() as { n: number | null }).n;
  const str = (v: unknown): string => (typeof v === "string" ? v : v === undefined ? "" : JSON.stringify(v));
  const breakers = facts.filter((f) => f.kind === "breaker").map((f): BreakerRow => ({ ts: f.ts, action: str(f.detail.action), breaker: str(f.detail.breaker), scope: str(f.detail.scope), mode: str(f.detail.mode), reason: str(f.detail.reason) }));
  const health = Object.fromEntries(Object.entries(HEALTH).map(([k, test]) => [k, listOf(facts.filter(test))])) as unknown as Health;
  return {
    coverage: { firstFact: span.first, lastFact: span.last, bornAt: born !== null && born >= from && born < to ? born : null },
    breakers,
    refusals: refusalsOf(facts.filter((f) => f.kind === "rejected").map((f) => str(f.detail.reason))),
    violations: listOf(facts.filter((f) => f.severity === "violation")),
    health,
  };
}

function listOf(facts: readonly Fact[]): FactList {
  const byKind: Record<string, number> = {};
  for (const f of facts) byKind[f.kind] = (byKind[f.kind] ?? 0) + 1;
  return { total: facts.length, byKind, first: facts.slice(0, FIRST_FACTS).map(({ ts, kind, src, summary }) => ({ ts, kind, src, summary })) };
}

/** Refusals by the reason's leading words (its figures differ from one to the next), most frequent first. */
function refusalsOf(reasons: readonly string[]): RefusalGroup[] {
  const groups = new Map<string, RefusalGroup>();
  for (const r of reasons) {
    const key = (r.split(":")[0] ?? "").trim() || "(no reason given)";
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { reason: key, count: 1, example: r });
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
}
