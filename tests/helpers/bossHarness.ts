import { bossAgent } from "../../agents/boss/index.ts";
import { LocalBus } from "../../floor/bus/index.ts";
import { SimClock } from "../../floor/clock/index.ts";
import { AgentHost } from "../../floor/host/index.ts";
import { createLogger } from "../../floor/log/createLogger.ts";
import { RiskConfig, type AgentCommand, type AuditFact, type OrderDecision, type SelectionConfig } from "../../protocols/index.ts";
import { openDb, type Db } from "../../state/index.ts";
import { tmpDir } from "./tmp.ts";

/**
 * The real boss ($10,000 of capital) on a local bus and a fresh ledger file at floor time `t0`, the
 * test playing every other agent. What the boss decides, audits and asks of the supervisor is
 * collected as it is published. Other hosts (an exchange) join with `opts`.
 */
export function bossHarness(tag: string, t0: number, floor: { risk?: RiskConfig; selection?: SelectionConfig } = {}) {
  const tmp = tmpDir(tag);
  const db: Db = openDb(tmp.path("floor.db"));
  const bus = new LocalBus();
  const clock = new SimClock(t0);
  const opts = { bus, clock, db, log: createLogger({ level: "silent" }), runId: 1 };
  const newBoss = () => new AgentHost(bossAgent("boss", { capital: 10_000, risk: floor.risk ?? RiskConfig.parse({}), ...(floor.selection ? { selection: floor.selection } : {}) }), opts);
  const decisions: OrderDecision[] = [];
  const audits: AuditFact[] = [];
  const commands: AgentCommand[] = [];
  bus.subscribe("order.decision.*", (m) => void decisions.push(JSON.parse(m.data) as OrderDecision));
  bus.subscribe("audit.*", (m) => void audits.push(JSON.parse(m.data) as AuditFact));
  bus.subscribe("floor.agent.*", (m) => void commands.push(JSON.parse(m.data) as AgentCommand));
  let seq = 0;
  const h = {
    db, bus, clock, opts, decisions, audits, commands,
    boss: newBoss(),
    /** A message as `src` (the test, a trader, the feed) publishes it, stamped with the floor's clock. */
    send: (subject: string, body: object, src = "test") => bus.publish(subject, JSON.stringify({ v: 1, id: `${src}.${++seq}`, ts: clock.now(), src, ...body })),
    /** The boss starts (depositing the capital on a new ledger), then each trader is born as the supervisor announces it. */
    async start(...traders: string[]): Promise<void> {
      h.boss.start();
      for (const agentId of traders) h.send("floor.life.spawn", { verb: "spawn", agentId, kind: "trader" });
      await bus.idle();
    },
    /** The boss's process dies and a new one starts on the same file: no checkpoint, only its actor's snapshot and the ledger. */
    async restartBoss(): Promise<void> {
      await h.boss.stop();
      h.boss = newBoss();
      h.boss.start();
      await bus.idle();
    },
    /** The boss stops, then `others` in order, then the bus; the file goes. */
    async stop(...others: AgentHost[]): Promise<void> {
      await h.boss.stop();
      for (const o of others) await o.stop();
      await bus.close();
      db.close();
      tmp.remove();
    },
  };
  return h;
}

export type BossHarness = ReturnType<typeof bossHarness>;
