import { auditFacts, RECOVERED } from "./auditFacts.ts";
import { ledgerFacts } from "./ledgerFacts.ts";
import { appendAudit } from "./auditLog.ts";
import { matchFacts, type Fact } from "./matchFacts.ts";
import type { Db } from "./openDb.ts";

/**
 * After an unclean stop (the last anchor says the floor was running at `since`): the ledger books
 * a movement first and the auditor records it from the bus just after, so a kill in between keeps
 * it off the audit log (or an approval audited before the exchange booked it off the ledger). Each
 * such fact since the anchor is recorded now, as recovered, with severity "error". Anything older
 * was on both sides at the anchor, so a gap there is not the crash's and stays for verify to report.
 */
export function recoverAudit(db: Db, since: number, now: number): Fact[] {
  const m = matchFacts(ledgerFacts(db), auditFacts(db));
  const write = (f: Fact, detail: Record<string, unknown>, reason: string) =>
    appendAudit(db, { ts: now, kind: RECOVERED, severity: "error", src: "floor", detail: { fact: f.kind, key: f.key, at: f.at, bookedAt: f.ts, ...detail, reason } });
  const lost = m.ledgerOnly.filter((f) => f.ts >= since);
  const unbooked = m.auditOnly.filter((f) => f.ts >= since);
  for (const f of lost) write(f, f.fields, "booked in the ledger; its audit record was lost when the floor stopped uncleanly");
  for (const f of unbooked) write(f, { unbooked: true }, "audited, but the floor stopped uncleanly before the ledger booked it");
  return [...lost, ...unbooked];
}
