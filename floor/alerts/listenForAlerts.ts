import { decode, families, PROTOCOL_VERSION, type AgentLifecycle, type AuditFact } from "../../protocols/index.ts";
import type { Bus } from "../bus/Bus.ts";
import type { Logger } from "../log/createLogger.ts";
import type { Alert } from "./Alert.ts";
import { ALERT_KIND_DEFS, type AlertKindDef } from "./kinds/index.ts";

const DEFS = Object.values(ALERT_KIND_DEFS) as AlertKindDef[];

/**
 * Hear the bus's audit and lifecycle facts (and, over NATS, what the server refused) and `raise`
 * each alert they make, in the handler, which only queues. A message that fails validation is
 * left to the auditor, which counts and audits it. Returns the stop.
 */
export function listenForAlerts(bus: Bus, clock: { now(): number }, log: Logger, raise: (a: Alert) => void): () => void {
  const each = (read: (d: AlertKindDef) => string | undefined, ts: number) => {
    for (const d of DEFS) {
      try {
        const text = read(d);
        if (text !== undefined) raise({ kind: d.kind, ts, text });
      } catch (err) {
        log.error({ err, kind: d.kind }, "alert text failed"); // one kind's bug never breaks a bus handler
      }
    }
  };
  const onAudit = (m: AuditFact) => each((d) => (d.source === "audit" ? d.text(m) : undefined), m.ts);
  const onLife = (m: AgentLifecycle) => each((d) => (d.source === "life" ? d.text(m) : undefined), m.ts);
  const subs = [
    bus.subscribe(families.audit.pattern, (msg) => {
      const r = decode<AuditFact>(msg.subject, msg.data);
      if (r.ok) onAudit(r.msg);
    }),
    bus.subscribe(families.life.pattern, (msg) => {
      const r = decode<AgentLifecycle>(msg.subject, msg.data);
      if (r.ok) onLife(r.msg);
    }),
  ];
  // What the NATS server refused is audited straight to the ledger (auditBusViolations.ts), never on the bus: heard here.
  const offViolation = bus.onViolation?.((v) => {
    const ts = clock.now();
    onAudit({ v: PROTOCOL_VERSION, id: `bus-${ts}`, ts, src: "bus", kind: "violation", severity: "violation", subject: v.subject, detail: { rule: "server_permissions", operation: v.operation } });
  });
  return () => {
    for (const s of subs) s.unsubscribe();
    offViolation?.();
  };
}
