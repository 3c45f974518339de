import { subjects } from "../../protocols/index.ts";
import type { AgentContext } from "../../floor/host/index.ts";
import type { Broken } from "./checks/Broken.ts";

/** What a violation is about besides its rule: the agent it halts (none for a floor-wide figure) and the ids to find it by. */
export interface Concerning {
  agentId?: string | undefined;
  subject?: string | undefined;
  refs?: Record<string, string | number> | undefined;
}

/**
 * Report a broken rule: an `audit.violation` fact (which the auditor records when it hears it, so
 * it is written once), a halt of the agent concerned (the trader's `halted`, which only the boss
 * lifts), and the count per rule in the auditor's actor.
 */
export function raiseViolation(ctx: AgentContext, b: Broken, c: Concerning): void {
  const agent = c.agentId !== undefined ? { agentId: c.agentId } : {};
  const detail = { rule: b.rule, ...agent, allowed: b.allowed, actual: b.actual, reason: b.reason, ...c.refs };
  ctx.publish(subjects.audit("violation"), { kind: "violation", severity: "violation", ...(c.subject ? { subject: c.subject } : {}), detail });
  ctx.send({ type: "VIOLATION", rule: b.rule });
  if (c.agentId === undefined) return;
  try {
    ctx.publish(subjects.ctl(c.agentId, "halt"), { verb: "halt", reason: `audit violation ${b.rule}: ${b.reason}` });
  } catch (err) {
    ctx.log.error({ err, agentId: c.agentId }, "cannot address a halt to this agent id"); // an id no subject can carry
  }
}
