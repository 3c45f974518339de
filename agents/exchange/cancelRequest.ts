import { subjects, type CancelRequest } from "../../protocols/index.ts";
import type { AgentContext } from "../../floor/host/index.ts";

/** An order the cancel may concern. */
interface Cancellable {
  agentId: string;
  intentId: string;
  marketId: string;
}

/**
 * Whether a trader's cancel request is its own (its id in the subject, the body and the
 * envelope): only an agent may take back its orders. One that is not is audited as a violation.
 */
export function ownCancel(ctx: AgentContext, c: CancelRequest, subject: string): boolean {
  if (c.src === c.agentId && subject === subjects.cancel(c.agentId)) return true;
  ctx.log.warn({ subject, src: c.src, agentId: c.agentId }, "cancel for another agent's orders refused");
  ctx.publish(subjects.audit("violation"), { kind: "violation", severity: "violation", subject, detail: { rule: "own_cancel", src: c.src, agentId: c.agentId, msgId: c.id } });
  return false;
}

/** Whether working order `o` is one the request takes back: the agent's, in its market and under its intent id when it names them. */
export function cancels(c: CancelRequest, o: Cancellable): boolean {
  return o.agentId === c.agentId && (c.marketId === undefined || o.marketId === c.marketId) && (c.intentId === undefined || o.intentId === c.intentId);
}
