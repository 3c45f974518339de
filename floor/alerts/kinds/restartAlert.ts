import { field, type AlertKindDef } from "./AlertKindDef.ts";

/** An agent crashed and the supervisor will restart it after a backoff (`audit.supervision`, decision `restart`). */
export const restartAlert: AlertKindDef = {
  kind: "restart",
  source: "audit",
  text(m) {
    if (m.kind !== "supervision" || m.detail.decision !== "restart") return undefined;
    const d = m.detail;
    return `Agent ${field(d.agentId)} crashed (during ${field(d.during)}): ${field(d.error)}; restart ${field(d.attempt)} in a row, after ${field(d.backoffMs)} ms of floor time`;
  },
};
