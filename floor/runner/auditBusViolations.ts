import { appendAudit, type Db } from "../../state/index.ts";
import type { Bus } from "../bus/Bus.ts";
import type { Logger } from "../log/createLogger.ts";

/**
 * Write each operation the NATS server refused this floor into the audit log (kind `violation`),
 * straight to the ledger rather than over the bus, which may be what refuses it. Each operation
 * and subject is audited once and logged once; the bus's status counts them all. Returns the stop.
 */
export function auditBusViolations(bus: Bus, db: Db, clock: { now(): number }, log: Logger): () => void {
  if (!bus.onViolation) return () => undefined;
  const seen = new Set<string>();
  return bus.onViolation((v) => {
    const key = `${v.operation} ${v.subject}`;
    if (seen.has(key)) return;
    if (seen.size < 10_000) seen.add(key);
    log.warn({ operation: v.operation, subject: v.subject }, "the NATS server refused an operation: permissions violation");
    appendAudit(db, { ts: clock.now(), kind: "violation", severity: "violation", src: "bus", subject: v.subject, detail: { rule: "server_permissions", operation: v.operation, bus: bus.description } });
  });
}
