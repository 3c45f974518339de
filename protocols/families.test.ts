import { describe, expect, it } from "vitest";
import { decode, encode } from "./codec.ts";
import { families } from "./families.ts";
import { AgentCommandReply } from "./messages/control.ts";
import { schemaFor } from "./schemaFor.ts";
import { patterns, subjects } from "./subjects.ts";

const env = { v: 1, id: "boss.1.1", ts: 1_767_225_600_000, src: "boss" };

describe("families", () => {
  it("maps each family's subjects, and only those, to its schema", () => {
    const one: { [K in keyof typeof families]: string } = {
      spot: subjects.spot("BTCUSD"), book: subjects.book("m1"), trade: subjects.trade("m1"), market: subjects.market("m1", "open"),
      health: subjects.health("clob"), intent: subjects.intent("t1"), decision: subjects.decision("t1"), cancel: subjects.cancel("t1"), orderEvent: subjects.orderEvent("t1"), venue: subjects.venue("exchange"),
      ctl: subjects.ctl("t1", "pause"), life: subjects.life("spawn"), agentCommand: subjects.agentCommand("spawn"), operator: subjects.operator("pause"),
      hb: subjects.hb("t1"), metrics: subjects.metrics("t1"), audit: subjects.audit("invalid"), belief: subjects.belief("t1"), journal: subjects.journal("exchange"), clockStep: subjects.clockStep(), clockAck: subjects.clockAck("boss"), clockBooted: subjects.clockBooted("boss"), clockWaiting: subjects.clockWaiting("boss"),
    };
    for (const [k, f] of Object.entries(families)) expect(schemaFor(one[k as keyof typeof families]), k).toBe(f.schema);
    for (const s of ["md.spot", "md.spot.a.b", "md.market.m1", "ctl.t1", "floor.x.spawn", "hb", "hb.a.b", "order.x.t1", "weird.a"]) expect(schemaFor(s), s).toBeUndefined();
  });

  it("keeps the patterns as views of the table", () => {
    expect(patterns.spot).toBe("md.spot.*");
    expect(patterns.life).toBe("floor.life.*");
    expect(patterns.agentCommand).toBe("floor.agent.*");
    expect(patterns.ctlOf("t1")).toBe("ctl.t1.*");
  });
});

describe("floor.life and floor.agent", () => {
  it("carries lifecycle facts on floor.life, reconfigured included", () => {
    const fact = { ...env, verb: "reconfigured", agentId: "t1", kind: "trader" };
    expect(decode("floor.life.reconfigured", encode("floor.life.reconfigured", fact))).toMatchObject({ ok: true });
    expect(decode("floor.life.spawn", JSON.stringify(fact))).toMatchObject({ ok: false, error: expect.stringMatching(/verb/) });
  });

  it("validates commands: a known verb, a safe agent id, a reason", () => {
    const cmd = { ...env, verb: "spawn", agentId: "momentum-2", config: { id: "momentum-2", strategy: "momentum" }, reason: "operator asked" };
    expect(decode("floor.agent.spawn", encode("floor.agent.spawn", cmd))).toMatchObject({ ok: true });
    expect(decode("floor.agent.retire", JSON.stringify({ ...cmd, verb: "retire" }))).toMatchObject({ ok: true });
    expect(decode("floor.agent.spawn", JSON.stringify({ ...cmd, agentId: "a.b" }))).toMatchObject({ ok: false, error: expect.stringMatching(/agentId/) });
    expect(decode("floor.agent.spawn", JSON.stringify({ ...cmd, reason: " " }))).toMatchObject({ ok: false, error: expect.stringMatching(/reason/) });
    expect(decode("floor.agent.spawn", JSON.stringify({ ...cmd, reason: undefined }))).toMatchObject({ ok: false, error: expect.stringMatching(/reason/) });
    expect(decode("floor.agent.clone", JSON.stringify({ ...cmd, verb: "clone" }))).toMatchObject({ ok: false });
    expect(decode("floor.agent.retire", JSON.stringify(cmd))).toMatchObject({ ok: false, error: expect.stringMatching(/verb/) });
  });

  it("validates replies", () => {
    expect(AgentCommandReply.safeParse({ ok: true, verb: "spawn", agentId: "t2", outcome: "spawned", state: "trading" }).success).toBe(true);
    expect(AgentCommandReply.safeParse({ ok: false, verb: "retire", agentId: "t2", outcome: "refused", error: "no such agent" }).success).toBe(true);
    expect(AgentCommandReply.safeParse({ ok: true, verb: "spawn", agentId: "t2", outcome: "born" }).success).toBe(false);
  });
});
