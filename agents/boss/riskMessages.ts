import { subjects } from "../../protocols/index.ts";
import type { PublishEmitted } from "../../floor/host/index.ts";
import type { BreakerChange, Control } from "./breakers/index.ts";

/**
 * What the floor hears of a change in the risk book: each breaker's trip or resumption as an
 * audit fact with its numbers, and each trader whose trading state changed told to pause, reduce
 * or resume.
 */
export function riskMessages(changes: readonly BreakerChange[], controls: readonly Control[]): PublishEmitted[] {
  return [
    ...changes.map((c): PublishEmitted => ({
      type: "publish",
      subject: subjects.audit("breaker"),
      body: { kind: "breaker", severity: "info", detail: { action: c.action, breaker: c.breaker, scope: c.scope, mode: c.mode, reason: c.reason, since: c.since, until: c.until, ...c.numbers } },
    })),
    ...controls.map((c): PublishEmitted => ({ type: "publish", subject: subjects.ctl(c.agentId, c.verb), body: { verb: c.verb, reason: c.reason } })),
  ];
}
