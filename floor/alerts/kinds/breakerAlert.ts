import { field, type AlertKindDef } from "./AlertKindDef.ts";

/** The boss's circuit breakers (`audit.breaker`, agents/boss/riskMessages.ts): each trip, and each resumption. */
export const breakerAlert: AlertKindDef = {
  kind: "breaker",
  source: "audit",
  text(m) {
    if (m.kind !== "breaker") return undefined;
    const d = m.detail;
    const who = d.scope === "floor" ? "the floor" : `agent ${field(d.scope)}`;
    return d.action === "resume"
      ? `Circuit breaker ${field(d.breaker)} cleared: ${who} is no longer ${field(d.mode)}. ${field(d.reason)}`
      : `Circuit breaker ${field(d.breaker)} tripped: ${who} is ${field(d.mode)}. ${field(d.reason)}`;
  },
};
