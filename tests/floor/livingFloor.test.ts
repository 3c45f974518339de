import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { AgentCommandReply, encode, PROTOCOL_VERSION, subjects, type CommandVerb } from "../../protocols/index.ts";
import { LocalBus, NatsBus, streamNameFor, type Bus } from "../../floor/bus/index.ts";
import { loadFloorConfig } from "../../floor/config/index.ts";
import type { Supervisor } from "../../floor/host/index.ts";
import { createLogger } from "../../floor/log/createLogger.ts";
import { runFloor } from "../../floor/runner/index.ts";
import { cashOf, listAgentEvents, openDb } from "../../state/index.ts";
import { waitFor } from "../feed/live/waitFor.ts";
import { describeNats, dropStreams, natsUrl, uniquePrefix } from "../helpers/nats.ts";
import { tmpDir } from "../helpers/tmp.ts";

const tmp = tmpDir("living");
afterAll(() => tmp.remove());
const log = createLogger({ level: "silent" });

const FLOOR = `sim:\n  series:\n    - { asset: BTC, symbol: BTCUSD, marketMinutes: 5, startPrice: 95000 }\n`;
const MOMENTUM = "id: momentum-1\nkind: trader\nstrategy: momentum\nparams:\n  entryAfterSec: 60\n  exitBeforeSec: 30\n";
const fair = (params: string) => `id: fair-1\nkind: trader\nstrategy: fairValue\nparams:\n  minEdge: 0.01\n${params}`;

interface Seen {
  facts: Array<{ verb: string; agentId: string; reason?: string; ts: number }>;
  refused: string[];
  heartbeats: Map<string, number[]>;
  fills: Map<string, number>;
  /** Every envelope id seen, to check that a restarted or reborn agent numbers its messages on. */
  ids: string[];
}

function watch(bus: Bus): Seen {
  const seen: Seen = { facts: [], refused: [], heartbeats: new Map(), fills: new Map(), ids: [] };
  for (const pattern of ["floor.life.*", "hb.*", "order.intent.*"]) bus.subscribe(pattern, (m) => void seen.ids.push((JSON.parse(m.data) as { id: string }).id));
  bus.subscribe("floor.life.*", (m) => void seen.facts.push(JSON.parse(m.data) as Seen["facts"][number]));
  bus.subscribe("audit.config_refused", (m) => void seen.refused.push((JSON.parse(m.data) as { detail: { error: string } }).detail.error));
  bus.subscribe("hb.*", (m) => {
    const { src, ts } = JSON.parse(m.data) as { src: string; ts: number };
    seen.heartbeats.set(src, [...(seen.heartbeats.get(src) ?? []), ts]);
  });
  bus.subscribe("order.event.*", (m) => {
    const e = JSON.parse(m.data) as { type: string; agentId: string };
    if (e.type === "fill") seen.fills.set(e.agentId, (seen.fills.get(e.agentId) ?? 0) + 1);
  });
  return seen;
}

async function command(bus: Bus, verb: CommandVerb, agentId: string, config?: Record<string, unknown>): Promise<AgentCommandReply> {
  const subject = subjects.agentCommand(verb);
  const msg = { v: PROTOCOL_VERSION, id: `test-${verb}-${agentId}-${Date.now()}`, ts: Date.now(), src: "operator", verb, agentId, reason: `test asks to ${verb}`, ...(config ? { config } : {}) };
  const reply = await bus.request(subject, encode(subject, msg), { timeoutMs: 20_000 });
  return AgentCommandReply.parse(JSON.parse(reply.data));
}

/** A sim floor whose agents folder is edited while it runs; every step of it checked from the bus and the ledger. */
async function livingFloor(name: string, bus: Bus): Promise<void> {
  const dir = tmp.path(name);
  const agents = `${dir}/agents`;
  mkdirSync(agents, { recursive: true });
  writeFileSync(`${dir}/floor.yaml`, FLOOR);
  writeFileSync(`${agents}/momentum-1.yaml`, MOMENTUM);
  const dbPath = `${dir}/floor.db`;
  const seen = watch(bus);
  const stop = new AbortController();
  let sup: Supervisor | undefined;
  const run = runFloor({ config: loadFloorConfig(`${dir}/floor.yaml`), bus, dbPath, seed: 11, speed: 300, log, signal: stop.signal, watchConfig: true, onSupervisor: (s) => (sup = s) });
  const fact = (verb: string, agentId: string) => seen.facts.find((f) => f.verb === verb && f.agentId === agentId);
  try {
    await waitFor(() => sup !== undefined, "the floor to start", 30_000);

    // A new file: spawned within 2 s of wall time, and it trades.
    const t0 = Date.now();
    writeFileSync(`${agents}/fair-1.yaml`, fair(""));
    await waitFor(() => sup!.get("fair-1") !== undefined, "fair-1 to be spawned", 5_000);
    expect(Date.now() - t0).toBeLessThan(2_000);
    await waitFor(() => (seen.fills.get("fair-1") ?? 0) > 0, "fair-1 to trade", 60_000);

    // Edited: an updatable parameter applies in place; another restarts it under the same id and account.
    const host = sup!.get("fair-1");
    writeFileSync(`${agents}/fair-1.yaml`, fair("  kellyFraction: 0.2\n"));
    await waitFor(() => seen.facts.some((f) => f.verb === "reconfigured" && f.agentId === "fair-1"), "fair-1 updated in place", 10_000);
    expect(sup!.get("fair-1")).toBe(host);
    writeFileSync(`${agents}/fair-1.yaml`, fair("  kellyFraction: 0.2\n  lookbackSec: 200\n"));
    await waitFor(() => sup!.get("fair-1") !== host, "fair-1 restarted with its new lookback", 10_000);

    // Malformed files are refused with file, line and field; the floor carries on.
    writeFileSync(`${agents}/bad-yaml.yaml`, "id: b1\nkind: trader\nstrategy: momentum: x\n");
    writeFileSync(`${agents}/bad-strategy.yaml`, "id: b2\nkind: trader\nstrategy: astrology\n");
    writeFileSync(`${agents}/bad-bounds.yaml`, "id: b3\nkind: trader\nstrategy: momentum\nparams:\n  minEdge: 7\n");
    writeFileSync(`${agents}/dup.yaml`, "id: momentum-1\nkind: trader\nstrategy: fairValue\n");
    await waitFor(() => seen.refused.length >= 4, "four refusals", 10_000);
    expect(seen.refused.find((e) => e.includes("bad-yaml.yaml"))).toMatch(/bad-yaml\.yaml:3: invalid YAML/);
    expect(seen.refused.find((e) => e.includes("bad-strategy.yaml"))).toMatch(/bad-strategy\.yaml:3: strategy: /);
    expect(seen.refused.find((e) => e.includes("bad-bounds.yaml"))).toMatch(/bad-bounds\.yaml:5: params\.minEdge: /);
    expect(seen.refused.find((e) => e.includes("dup.yaml"))).toMatch(/dup\.yaml:1: id: duplicate agent id momentum-1 \(also in .*momentum-1\.yaml:1\)/);
    for (const id of ["b1", "b2", "b3"]) expect(sup!.get(id)).toBeUndefined();

    // The same from the bus, answered once done.
    const spawned = await command(bus, "spawn", "cmd-1", { kind: "trader", strategy: "momentum", params: { entryAfterSec: 30, exitBeforeSec: 30 } });
    expect(spawned).toMatchObject({ ok: true, outcome: "spawned", agentId: "cmd-1" });
    expect(sup!.get("cmd-1")).toBeDefined();
    const bad = await command(bus, "spawn", "cmd-2", { kind: "trader", strategy: "momentum", params: { kellyFraction: 3 } });
    expect(bad).toMatchObject({ ok: false, outcome: "refused" });
    expect(bad.error).toMatch(/^params\.kellyFraction: /);
    expect(await command(bus, "retire", "cmd-1")).toMatchObject({ ok: true, outcome: "retired" });
    expect(sup!.get("cmd-1")).toBeUndefined();

    // Removed: retired; its positions settle and its cash comes back to the floor.
    rmSync(`${agents}/fair-1.yaml`);
    await waitFor(() => fact("retired", "fair-1") !== undefined, "fair-1 retired", 10_000);
    const retiredAt = fact("retired", "fair-1")!.ts;
    await waitFor(() => (sup as Supervisor).all.length > 0 && seen.heartbeats.get("momentum-1")!.at(-1)! > retiredAt + 20 * 60_000, "20 floor minutes past the retirement", 60_000);
  } finally {
    stop.abort();
    await run;
  }

  const db = openDb(dbPath, { readonly: true });
  try {
    const n = (sql: string, ...args: unknown[]) => Number((db.prepare(sql).get(...args) as { n: number | null }).n ?? 0);
    const retiredAt = fact("retired", "fair-1")!.ts;
    expect(n("SELECT COUNT(*) AS n FROM orders WHERE agent_id = 'fair-1' AND created_ts > ?", retiredAt)).toBe(0);
    expect(n("SELECT COUNT(*) AS n FROM orders WHERE agent_id = 'fair-1'")).toBeGreaterThan(0); // its history is kept
    expect(n("SELECT COUNT(*) AS n FROM positions WHERE agent_id = 'fair-1'")).toBe(0);
    expect(cashOf(db, "fair-1")).toBe(0);
    expect(n("SELECT COUNT(*) AS n FROM cash WHERE agent_id = 'fair-1' AND ref LIKE 'return-fair-1@%'")).toBeGreaterThan(0);
    // One allocation across its edits: a reconfigured agent keeps its account.
    expect(n("SELECT COUNT(*) AS n FROM cash WHERE agent_id = 'fair-1' AND ref LIKE 'allocate-fair-1%'")).toBe(1);
    expect(listAgentEvents(db, "fair-1").map((e) => [e.verb, e.by])).toEqual([["spawned", "config"], ["updated", "config"], ["reconfigured", "config"], ["retired", "config"]]);
    expect(listAgentEvents(db, "cmd-1").map((e) => [e.verb, e.by])).toEqual([["spawned", "operator"], ["retired", "operator"]]);
    expect(n("SELECT COUNT(*) AS n FROM audit_log WHERE kind = 'config_refused'")).toBe(4);
    // Each birth and death is in the audit log too, with who asked and why.
    const life = db.prepare("SELECT kind, detail_json FROM audit_log WHERE kind LIKE 'agent_%' AND detail_json LIKE '%fair-1%' ORDER BY seq").all() as Array<{ kind: string; detail_json: string }>;
    expect(life.map((r) => [r.kind, (JSON.parse(r.detail_json) as { by?: string }).by])).toEqual([["agent_spawn", "config"], ["agent_reconfigured", "config"], ["agent_reconfigured", "config"], ["agent_retired", "config"]]);
    expect(n("SELECT COUNT(*) AS n FROM audit_log WHERE kind = 'command_refused'")).toBe(1);
  } finally {
    db.close();
  }
  expect(seen.ids.length).toBe(new Set(seen.ids).size);
  // The agents nobody touched were never stopped, restarted or retired.
  expect(seen.facts.filter((f) => f.agentId === "momentum-1").map((f) => f.verb)).toEqual(["spawn"]);
  // No other agent missed a step: each heartbeat came exactly 10 s of floor time after the last.
  for (const id of ["momentum-1", "boss", "exchange", "auditor", "feed"]) {
    const beats = seen.heartbeats.get(id)!;
    expect(beats.length).toBeGreaterThan(10);
    expect(beats.slice(1).map((t, i) => [t - beats[i]!, beats[i]! - beats[0]!, id]).filter(([d]) => d !== 10_000)).toEqual([]);
  }
}

describe("a living floor", () => {
  it("spawns, reconfigures and retires agents from config files and bus commands, in process", async () => {
    const bus = new LocalBus();
    try {
      await livingFloor("local", bus);
    } finally {
      await bus.close();
    }
  }, 180_000);
});

await describeNats("a living floor over NATS", () => {
  const prefix = uniquePrefix("living");
  afterAll(() => dropStreams(natsUrl(), [streamNameFor(prefix)]));
  it("does the same with the bus on a nats-server", async () => {
    const bus = await NatsBus.connect({ url: natsUrl(), prefix });
    try {
      await livingFloor("nats", bus);
    } finally {
      await bus.close();
    }
  }, 180_000);
});
