import { subjects } from "../../protocols/index.ts";
import type { AgentContext } from "../../floor/host/index.ts";
import type { Broken } from "./checks/Broken.ts";

/** What a violation is about besides its rule: the agent it halts (none for a floor-wide figure) and the ids to find it by. */
export interface Concerning {
  agentId?: string | undefined;
  subject?: string | undefined;
  refs?: Record<string, string | number> | undefined;
}

/** The violation fact as the audit log records it. */
export type ViolationFact = { kind: "violation"; severity: "violation"; subject?: string; detail: Record<string, unknown> };

/**
 * Report a broken rule: an `audit.violation` fact (which the auditor records when it hears it, so
 * it is written once; `record` writes it directly instead, when the auditor no longer hears the
 * bus: at its stop), a halt of the agent concerned (the trader's `halted`, which only the boss
 * lifts), and the count per rule in the auditor's actor.
 */
export function raiseViolation(ctx: AgentContext, b: Broken, c: Concerning, record?: (f: ViolationFact) => void): void {
  const agent = c.agentId !== undefined ? { agentId: c.agentId } : {};
  const fact: ViolationFact = { kind: "violation", severity: "violation", ...(c.subject ? { subject: c.subject } : {}), detail: { rule: b.rule, ...agent, allowed: b.allowed, actual: b.actual, reason: b.reason, ...c.refs } };
  ctx.publish(subjects.audit("violation"), fact);
  record?.(fact);
  ctx.send({ type: "VIOLATION", rule: b.rule });
  if (c.agentId === undefined) return;
  try {
    ctx.publish(subjects.ctl(c.agentId, "halt"), { verb: "halt", reason: `audit violation ${b.rule}: ${b.reason}` });
  } catch (err) {
    ctx.log.error({ err, agentId: c.agentId }, "cannot address a halt to this agent id"); // an id no subject can carry
  }
}
