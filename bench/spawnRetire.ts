import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { LocalBus, type Bus, type NatsBus } from "../floor/bus/index.ts";
import type { Supervisor } from "../floor/host/index.ts";
import type { Logger } from "../floor/log/createLogger.ts";
import { runFloor, type LiveStatus } from "../floor/runner/index.ts";
import { AgentCommandReply, encode, PROTOCOL_VERSION, subjects, type CommandVerb } from "../protocols/index.ts";
import { cashOf, listAgentEvents, listAgents, openDb } from "../state/index.ts";
import { benchConfig, type BusKind } from "./floorRate.ts";
import { closeAndDropStream, tryNatsBus, uniquePrefix } from "./natsSupport.ts";
import { median, secondsSince, sig } from "./stats.ts";

/** Agents spawned, then retired, one command at a time. */
const AGENTS = 100;
/** Wall time of each steady window (before, with the agents, after). */
const WINDOW_MS = 1500;
/** Wall time the floor runs before the first window (JIT, first markets, the boss's allocations). */
const WARMUP_MS = 2000;
/** Floor time the run may last: the bench aborts it long before. */
const UNTIL_MS = 90 * 86_400_000;
const REQUEST_TIMEOUT_MS = 30_000;

export interface SpawnRetireOptions {
  bus: BusKind;
  seed: number;
  log: Logger;
  natsUrl: string;
}

export interface CommandTimes {
  count: number;
  medianMs: number;
  p90Ms: number;
  maxMs: number;
  totalSeconds: number;
  /** Floor steps taken while the commands ran, per command (each waits for a step boundary and the step's commit). */
  stepsPerCommand: number;
  /** The median command against one step before any spawn (same run): how many steps' worth of time a command costs. */
  medianVsStepBefore: number;
}

export interface SpawnRetireResult {
  bus: BusKind;
  /** `submit` (in process, the LocalBus run) or `request` (a bus request from a second connection, reply latency included). */
  via: "submit" | "request";
  agents: number;
  /** Agents the floor started with (config: 1 momentum trader, plus feed, exchange, boss, auditor, monitor). */
  baseAgents: number;
  spawn: CommandTimes;
  retire: CommandTimes;
  /** Floor steps (one floor second each) per wall second in each phase. */
  stepsPerSec: { before: number; spawning: number; withAgents: number; retiring: number; after: number };
  /** Each phase's step rate over the rate before (same run). */
  ratios: { spawningVsBefore: number; withAgentsVsBefore: number; retiringVsBefore: number; afterVsBefore: number };
  checks: {
    repliesOk: number;
    retiredRows: number;
    /** Agent ids among the retired with cash left on their account (should be none). */
    retiredWithCash: string[];
    /** Spawned agents the boss gave capital to (allocate rows). */
    allocated: number;
    /** Cash rows returning a retired agent's capital to the floor. */
    returned: number;
    fills: number;
  };
  wallSeconds: number;
  steps: number;
}

export interface SpawnRetireSkipped {
  bus: BusKind;
  spawn: null;
  reason: string;
}

/** p-th percentile, nearest rank. */
function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

function traderConfig(i: number): Record<string, unknown> {
  // Varied lookbacks (10 s to 3,475 s) so the hundred do not all act alike.
  return { id: agentId(i), kind: "trader", strategy: "momentum", params: { lookbackSec: 10 + ((i * 35) % 3466) } };
}
const agentId = (i: number) => `bench-sr-${i + 1}`;

async function until(cond: () => boolean, what: string, ms = 60_000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error(`spawnRetire: timed out waiting for ${what}`);
    await sleep(5);
  }
}

/**
 * The cost of the supervisor's work while the floor runs: a sim floor (1 momentum trader, speed
 * "max") is sent `AGENTS` spawn commands (momentum traders, one at a time, each awaited), then as
 * many retire commands. Each command's wall time runs from sending to its reply, which comes after
 * the step that ran it is committed; the floor's step rate before, during and after puts it in
 * proportion. On the local bus the commands go through `Supervisor.submit`; on NATS they are bus
 * requests on `floor.agent.<verb>` from a second connection, so the reply's trip is included.
 * Throws when a command is refused or the ledger disagrees (a benchmark of a broken floor is no benchmark).
 */
export async function spawnRetire(o: SpawnRetireOptions): Promise<SpawnRetireResult | SpawnRetireSkipped> {
  const dir = await mkdtemp(join(tmpdir(), "polyfloor-bench-sr-"));
  let bus: Bus;
  let client: NatsBus | undefined;
  let cleanup: () => Promise<void>;
  if (o.bus === "local") {
    const local = new LocalBus();
    bus = local;
    cleanup = () => local.close();
  } else {
    const prefix = uniquePrefix("spawn");
    const got = await tryNatsBus(o.natsUrl, prefix);
    if ("reason" in got) {
      await rm(dir, { recursive: true, force: true });
      return { bus: o.bus, spawn: null, reason: got.reason };
    }
    const other = await tryNatsBus(o.natsUrl, prefix);
    if ("reason" in other) {
      await closeAndDropStream(o.natsUrl, got.bus);
      await rm(dir, { recursive: true, force: true });
      return { bus: o.bus, spawn: null, reason: other.reason };
    }
    bus = got.bus;
    client = other.bus;
    cleanup = async () => {
      await other.bus.close();
      await closeAndDropStream(o.natsUrl, got.bus);
    };
  }
  const dbPath = join(dir, "floor.db");
  const stop = new AbortController();
  let sup: Supervisor | undefined;
  let live: (() => LiveStatus) | undefined;
  const started = process.hrtime.bigint();
  const config = benchConfig(1);
  config.floor.digests.dir = join(dir, "digests");
  const run = runFloor({ config, bus, dbPath, seed: o.seed, speed: "max", untilMs: UNTIL_MS, log: o.log, signal: stop.signal, onSupervisor: (s) => (sup = s), onReady: (l) => (live = l) });
  let ended = false;
  const done = run.finally(() => (ended = true));
  done.catch(() => undefined); // awaited below; this only keeps an early failure from being unhandled
  try {
    await until(() => (sup !== undefined && live !== undefined) || ended, "the floor to start");
    if (ended) await done;
    const s = sup!;
    const steps = () => live!().steps;
    const baseAgents = s.all.length;
    const send = async (verb: CommandVerb, i: number): Promise<AgentCommandReply> => {
      const cmd = { verb, agentId: agentId(i), reason: `bench: ${verb} ${AGENTS} agents`, ...(verb === "spawn" ? { config: traderConfig(i) } : {}) };
      if (!client) return s.submit({ ...cmd, by: "bench" });
      const subject = subjects.agentCommand(verb);
      const msg = { v: PROTOCOL_VERSION, id: `bench.${verb}.${i}.${Date.now()}`, ts: Date.now(), src: "bench", ...cmd };
      const reply = await client.request(subject, encode(subject, msg), { timeoutMs: REQUEST_TIMEOUT_MS });
      return AgentCommandReply.parse(JSON.parse(reply.data));
    };
    /** Steps per wall second over `ms` of idle waiting. */
    const window = async (ms: number): Promise<number> => {
      const n0 = steps();
      const t0 = process.hrtime.bigint();
      await sleep(ms);
      if (ended) throw new Error("spawnRetire: the floor stopped early");
      return (steps() - n0) / secondsSince(t0);
    };
    let repliesOk = 0;
    /** Send every command in turn, each awaited; the phase's times and step rate. */
    const phase = async (verb: CommandVerb, outcome: AgentCommandReply["outcome"]) => {
      const ms: number[] = [];
      const n0 = steps();
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < AGENTS; i++) {
        const c0 = process.hrtime.bigint();
        const r = await send(verb, i);
        ms.push(secondsSince(c0) * 1000);
        if (!r.ok || r.outcome !== outcome) throw new Error(`spawnRetire: ${verb} ${agentId(i)} answered ${JSON.stringify(r)}`);
        repliesOk++;
      }
      const total = secondsSince(t0);
      const n = steps() - n0;
      return { ms, total, steps: n, rate: n / total };
    };

    await sleep(WARMUP_MS);
    const before = await window(WINDOW_MS);
    const stepMsBefore = 1000 / before;
    const times = (p: Awaited<ReturnType<typeof phase>>): CommandTimes => ({
      count: p.ms.length,
      medianMs: sig(median(p.ms), 3),
      p90Ms: sig(percentile(p.ms, 90), 3),
      maxMs: sig(Math.max(...p.ms), 3),
      totalSeconds: sig(p.total, 3),
      stepsPerCommand: sig(p.steps / p.ms.length, 3),
      medianVsStepBefore: sig(median(p.ms) / stepMsBefore, 3),
    });
    const spawned = await phase("spawn", "spawned");
    if (s.all.length !== baseAgents + AGENTS) throw new Error(`spawnRetire: ${s.all.length} hosts after the spawns, expected ${baseAgents + AGENTS}`);
    const withAgents = await window(WINDOW_MS);
    const retired = await phase("retire", "retired");
    if (s.all.length !== baseAgents) throw new Error(`spawnRetire: ${s.all.length} hosts after the retirements, expected ${baseAgents}`);
    const after = await window(WINDOW_MS);
    stop.abort();
    const final = await done;
    const wallSeconds = secondsSince(started);

    const db = openDb(dbPath, { readonly: true });
    let checks: SpawnRetireResult["checks"];
    try {
      const ids = new Set(Array.from({ length: AGENTS }, (_, i) => agentId(i)));
      const rows = listAgents(db).filter((a) => ids.has(a.agentId));
      const retiredRows = rows.filter((a) => a.state === "retired" && a.diedTs !== null && a.origin === "command").length;
      const retiredWithCash = [...ids].filter((id) => cashOf(db, id) !== 0);
      const n = (sql: string) => Number((db.prepare(sql).get() as { n: number | null }).n ?? 0);
      const wrongEvents = [...ids].filter((id) => listAgentEvents(db, id).map((e) => e.verb).join(",") !== "spawned,retired");
      checks = {
        repliesOk,
        retiredRows,
        retiredWithCash,
        allocated: n("SELECT COUNT(DISTINCT agent_id) AS n FROM cash WHERE agent_id LIKE 'bench-sr-%' AND reason = 'allocate' AND delta_micro > 0"),
        returned: n("SELECT COUNT(*) AS n FROM cash WHERE agent_id LIKE 'bench-sr-%' AND ref LIKE 'return-%'"),
        fills: n("SELECT COUNT(*) AS n FROM fills WHERE agent_id LIKE 'bench-sr-%'"),
      };
      if (repliesOk !== 2 * AGENTS || retiredRows !== AGENTS || retiredWithCash.length > 0 || wrongEvents.length > 0) {
        throw new Error(`spawnRetire: the floor disagrees: ${JSON.stringify({ ...checks, wrongEvents: wrongEvents.slice(0, 5) })}`);
      }
    } finally {
      db.close();
    }
    return {
      bus: o.bus,
      via: client ? "request" : "submit",
      agents: AGENTS,
      baseAgents,
      spawn: times(spawned),
      retire: times(retired),
      stepsPerSec: { before: sig(before), spawning: sig(spawned.rate), withAgents: sig(withAgents), retiring: sig(retired.rate), after: sig(after) },
      ratios: {
        spawningVsBefore: sig(spawned.rate / before, 3),
        withAgentsVsBefore: sig(withAgents / before, 3),
        retiringVsBefore: sig(retired.rate / before, 3),
        afterVsBefore: sig(after / before, 3),
      },
      checks,
      wallSeconds: sig(wallSeconds, 3),
      steps: final.steps,
    };
  } finally {
    stop.abort();
    await done.catch(() => undefined);
    await cleanup();
    await rm(dir, { recursive: true, force: true });
  }
}
