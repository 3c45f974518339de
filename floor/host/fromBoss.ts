import { BOSS_ID } from "../../protocols/publishRights.ts";
import { subjects } from "../../protocols/index.ts";
import type { AgentContext } from "./AgentSpec.ts";

type Handler<T> = (msg: T, subject: string) => void | Promise<void>;

/**
 * Wraps the handler of a message only the boss may send (an order decision, a control): one whose
 * `src` is anyone else is dropped and audited as a violation. The bus's permissions keep other
 * identities from publishing these at all (config/nats/); this is the floor's own check behind them.
 */
export function fromBoss<T extends { src: string; id: string }>(ctx: AgentContext, fn: Handler<T>): Handler<T> {
  return (msg, subject) => {
    if (msg.src === BOSS_ID) return fn(msg, subject);
    ctx.log.warn({ subject, src: msg.src }, "message only the boss may send dropped");
    ctx.publish(subjects.audit("violation"), { kind: "violation", severity: "violation", subject, detail: { rule: "boss_only", src: msg.src, msgId: msg.id, agentId: ctx.id } });
  };
}
