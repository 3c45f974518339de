import type { AlertKindDef } from "./AlertKindDef.ts";

/** An agent failed for good: it crashed past its restart intensity and the supervisor gave up (`floor.life.failed`). */
export const crashAlert: AlertKindDef = {
  kind: "crash",
  source: "life",
  text(m) {
    if (m.verb !== "failed") return undefined;
    return `Agent ${m.agentId} (${m.kind}) failed and will not be restarted: ${m.reason ?? "no reason given"}`;
  },
};
