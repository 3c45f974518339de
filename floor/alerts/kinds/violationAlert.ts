import { field, type AlertKindDef } from "./AlertKindDef.ts";

/** Every broken rule: an audit fact of severity `violation`, whoever reports it (the auditor, the hosts, the exchange, the bus). */
export const violationAlert: AlertKindDef = {
  kind: "violation",
  source: "audit",
  text(m) {
    if (m.severity !== "violation") return undefined;
    const { rule, ...rest } = m.detail;
    const more = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : "";
    return `Violation (${m.kind}) reported by ${m.src}${m.subject ? ` on ${m.subject}` : ""}: rule ${field(rule)}.${more}`;
  },
};
