// Against a nats-server running config/nats/floor-auth.conf: the supervisor's process (`floor`)
// may answer a `floor.agent.*` request (allow_responses), and nobody else may send one.
import { expect, it } from "vitest";
import { AgentCommandReply, decode, encode, subjects, type AgentCommand } from "../../protocols/index.ts";
import { waitFor, within } from "../bus/busContract.ts";
import { describeNatsServer } from "../helpers/nats.ts";
import { authServerBuses } from "./authServerBuses.ts";

const spawnCommand = (src: string): AgentCommand => ({
  v: 1,
  id: `${src}.spawn.${Math.random()}`,
  ts: Date.UTC(2026, 0, 1),
  src,
  verb: "spawn",
  agentId: "m-clone",
  config: { id: "m-clone", kind: "trader", strategy: "momentum", params: { lookbackSec: 30 } },
  reason: "a test of the reply permissions",
});

describeNatsServer("replies to floor.agent.* on a server with config/nats/floor-auth.conf", () => {
  const { as, settle } = authServerBuses();

  it("lets `floor` answer the boss's spawn request, the reply reaching the boss; `floor` may not publish to an inbox it was not asked from", async () => {
    const floor = await as("floor");
    const asked: string[] = [];
    floor.subscribe("floor.agent.*", (m) => {
      const cmd = decode<AgentCommand>(m.subject, m.data);
      asked.push(m.subject);
      const reply: AgentCommandReply = cmd.ok
        ? { ok: true, verb: cmd.msg.verb, agentId: cmd.msg.agentId, outcome: "spawned", state: "trading" }
        : { ok: false, verb: "spawn", agentId: "unknown", outcome: "refused", error: cmd.error };
      m.respond(JSON.stringify(reply));
    });
    await settle(floor);
    const boss = await as("boss");
    const subject = subjects.agentCommand("spawn");
    const answer = await within(boss.request(subject, encode(subject, spawnCommand("boss")), { timeoutMs: 5000 }), 10_000, "the floor's reply");
    expect(AgentCommandReply.parse(JSON.parse(answer.data))).toEqual({ ok: true, verb: "spawn", agentId: "m-clone", outcome: "spawned", state: "trading" });
    expect(asked).toEqual(["floor.agent.spawn"]);
    expect(boss.status.violations + floor.status.violations).toBe(0);
    // allow_responses opens only the inboxes of requests received: an unsolicited one is refused.
    floor.publish("_INBOX.not-asked", "{}");
    await waitFor(() => floor.status.violations >= 1, 5000, "the server's refusal of an unsolicited reply");
  });

  it("refuses a trader identity's floor.agent.spawn", async () => {
    const floor = await as("floor");
    const asked: string[] = [];
    floor.subscribe("floor.agent.*", (m) => void asked.push(m.subject));
    await settle(floor);
    const trader = await as("trader-momentum-1");
    const seen: string[] = [];
    trader.onViolation((v) => void seen.push(`${v.operation} ${v.subject}`));
    const subject = subjects.agentCommand("spawn");
    trader.publish(subject, encode(subject, spawnCommand("momentum-1")));
    await waitFor(() => trader.status.violations >= 1, 5000, "the server's permissions violation");
    expect(seen).toEqual(["publish floor.agent.spawn"]);
    // The trader's own heartbeat still arrives after the refused command; the command never did.
    const heard: string[] = [];
    floor.subscribe("hb.momentum-1", (m) => void heard.push(m.subject));
    await settle(floor);
    trader.publish("hb.momentum-1", "{}");
    await waitFor(() => heard.length >= 1, 5000, "the trader's heartbeat at the floor");
    expect(asked).toEqual([]);
  });
});
