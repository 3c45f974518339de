import { createActor } from "xstate";
import { bossMachine } from "../../agents/boss/bossMachine.ts";
import type { PublishEmitted } from "../../floor/host/index.ts";
import { RiskConfig } from "../../protocols/index.ts";

/** The boss's machine alone ($10,000 of equity, default limits) at floor time `t0`, traders `born`, and the `ctl.*` subjects it emits, in order. */
export function bossActor(t0: number, born: readonly string[]) {
  const boss = createActor(bossMachine, { input: { risk: RiskConfig.parse({}), equity: 10_000_000_000, now: t0 } });
  const ctl: string[] = [];
  boss.on("publish", (e) => {
    const p = e as PublishEmitted;
    if (p.subject.startsWith("ctl.")) ctl.push(p.subject);
  });
  boss.start();
  for (const agentId of born) boss.send({ type: "RISK", event: { type: "born", agentId, now: t0 } });
  return { boss, ctl };
}
