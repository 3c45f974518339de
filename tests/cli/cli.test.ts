import { writeFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { streamNameFor } from "../../floor/bus/index.ts";
import { openDb } from "../../state/index.ts";
import { finished, floor, startFloor, waitForOutput } from "../helpers/floorCli.ts";
import { floorInProcess } from "../helpers/floorInProcess.ts";
import { describeNats, dropStreams, natsUrl, uniquePrefix } from "../helpers/nats.ts";
import { tmpDir } from "../helpers/tmp.ts";

const tmp = tmpDir("cli");
afterAll(() => tmp.remove());

/** The `floor status --json` contract scripts rely on. */
const StatusJson = z.object({
  marketsSettled: z.number().int(),
  orders: z.number().int(),
  fills: z.number().int(),
  cash: z.number(),
  realizedPnl: z.number(),
  deposits: z.number(),
  agents: z.array(z.object({ id: z.string(), kind: z.string(), state: z.string(), capital: z.number(), pnl: z.number() })),
  ledgerHash: z.string().regex(/^[0-9a-f]{64}$/),
});

const sixHours = (db: string, seed = 7) => ["start", "--mode", "sim", "--until", "6h", "--speed", "max", "--seed", String(seed), "--db", db, "--dashboard", "off"];

/** `floor status --json` of a finished floor's file (in process: the floor itself ran as the real CLI). */
async function statusOf(db: string) {
  const r = await floorInProcess(["status", "--db", db, "--json"]);
  expect(r.code).toBe(0);
  return StatusJson.parse(JSON.parse(r.stdout));
}

describe("floor start --until 6h --speed max", () => {
  // The seed-7 floor both tests need, run once (the second compares it with another seed-7 run and a seed-8 one).
  const six = { db: tmp.path("six.db"), run: undefined as ReturnType<typeof floor> | undefined };
  const sixRun = () => (six.run ??= floor(sixHours(six.db)));

  it("exits 0 having traded and settled 24 markets; status agrees with the ledger", async () => {
    const db = six.db;
    const r = await sixRun();
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/bus\s+in-process/);
    expect(r.stdout).toMatch(/stopped cleanly: 24 markets settled/);
    const s = await statusOf(db);
    expect(s.marketsSettled).toBe(24);
    expect(s.orders).toBeGreaterThan(0);
    expect(s.fills).toBeGreaterThan(0);
    expect([...new Set(s.agents.map((a) => a.kind))].sort()).toEqual(["auditor", "boss", "exchange", "feed", "monitor", "trader"]);
    // Cash and PnL agree with the ledger rows.
    const ledger = openDb(db, { readonly: true });
    const sum = (sql: string) => Number((ledger.prepare(sql).get() as { n: number }).n) / 1e6;
    expect(s.cash).toBe(sum("SELECT SUM(delta_micro) AS n FROM cash"));
    expect(s.realizedPnl).toBe(sum("SELECT COALESCE(SUM(pnl_micro), 0) AS n FROM settlements"));
    ledger.close();
    expect(s.cash).toBeCloseTo(s.deposits + s.realizedPnl, 6);
    // The default roster's traders (config/agents/) share the realized PnL.
    expect(s.agents.filter((a) => a.kind === "trader").reduce((sum, a) => sum + a.pnl, 0)).toBeCloseTo(s.realizedPnl, 6);

    const audit = await floorInProcess(["audit", "verify", "--db", db]);
    expect(audit.code).toBe(0);
    expect(audit.stdout).toMatch(/audit log intact: \d+ entries/);
  });

  it("gives the same ledger hash for the same seed and a different one for another seed", async () => {
    const [a, b, c] = await Promise.all([sixRun(), floor(sixHours(tmp.path("b.db"), 7)), floor(sixHours(tmp.path("c.db"), 8))]);
    expect([a.code, b.code, c.code]).toEqual([0, 0, 0]);
    const [ha, hb, hc] = [(await statusOf(six.db)).ledgerHash, (await statusOf(tmp.path("b.db"))).ledgerHash, (await statusOf(tmp.path("c.db"))).ledgerHash];
    expect(hb).toBe(ha);
    expect(hc).not.toBe(ha);
  });
});

describe("floor start, left running", () => {
  it.each(["SIGINT", "SIGTERM"] as const)("prints where its dashboard and db are, a status line on schedule, serves the dashboard, and stops cleanly on %s", async (signal) => {
    const dir = tmpDir("cfg");
    writeFileSync(dir.path("floor.yaml"), "statusEverySec: 1\n");
    const db = tmp.path(`left-${signal}.db`);
    const child = startFloor(["start", "--config", dir.path("floor.yaml"), "--db", db, "--speed", "60", "--dashboard", "127.0.0.1:0"]);
    const [, url] = await waitForOutput(child, /dashboard\s+(http:\S+)/);
    expect(child.output.stdout).toMatch(new RegExp(`db\\s+${db.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
    await waitForOutput(child, /\[2026-01-01 \d\d:\d\d:\d\d\] markets \d+ settled/);
    const res = await fetch(new URL("api/status", url));
    expect(res.status).toBe(200);
    const live = (await res.json()) as { live: Record<string, { state: string }> };
    expect(live.live["momentum-1"]?.state).toMatch(/warmingUp|trading/);
    child.kill(signal);
    const r = await finished(child, 20_000);
    dir.remove();
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/stopped cleanly/);
    expect(r.stderr).toMatch(new RegExp(`${signal}: stopping the floor`));
    const ledger = openDb(db, { readonly: true });
    const snaps = ledger.prepare("SELECT agent_id FROM snapshots ORDER BY agent_id").all() as Array<{ agent_id: string }>;
    const floorTime = ledger.prepare("SELECT value FROM floor_meta WHERE key = 'floorTime'").get() as { value: string } | undefined;
    ledger.close();
    expect(snaps.map((x) => x.agent_id)).toEqual(["auditor", "boss", "exchange", "feed", "momentum-1", "monitor"]);
    expect(Number(floorTime?.value)).toBeGreaterThan(Date.parse("2026-01-01T00:00:00Z"));
  });
});

// In process (tests/helpers/floorInProcess.ts): the commands' own checks; tests/cli/badInputs.test.ts
// shows through bin/floor.mjs that a refusal is one line and its exit status.
describe("bad usage and bad config", () => {
  it("names the file, line and field of a bad config, exit 2", async () => {
    const dir = tmpDir("bad");
    writeFileSync(dir.path("floor.yaml"), "capital: 5000\nrisk:\n  perTradeMaxPct: 3\n");
    const r = await floorInProcess(["start", "--config", dir.path("floor.yaml"), "--db", tmp.path("bad.db")]);
    const c = await floorInProcess(["check-config", "--config", dir.path("floor.yaml")]);
    dir.remove();
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${dir.path("floor.yaml")}:3: risk.perTradeMaxPct:`);
    expect(c.code).toBe(2);
  });
  it.each([
    [["launch"], /unknown command "launch"/],
    [["start", "--speed", "fast"], /invalid --speed/],
    [["start", "--until", "6 hours"], /invalid duration/],
    [["start", "--mode", "live"], /--mode live trades real money: add --live to confirm/],
    [["start", "--bus", "redis://x"], /bus/],
    [["status", "--nope"], /Unknown option/],
  ])("floor %j exits 2 with a clear message", async (args, why) => {
    const r = await floorInProcess(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(why);
  });
  it("status of a missing database exits 1 and says so", async () => {
    const r = await floorInProcess(["status", "--db", tmp.path("missing.db")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no floor database at/);
  });
});

await describeNats("floor start over NATS", () => {
  const prefix = uniquePrefix("cli");
  afterAll(() => dropStreams(natsUrl(), [streamNameFor(prefix)]));
  // Over NATS each of the 21,600 steps waits a round trip for idle(): latency-bound, and slower than the in-process floors beside it.
  const NATS_SIX_HOURS_MS = 150_000;
  it("completes the same six hours and settles the same 24 markets", async () => {
    const db = tmp.path("nats.db");
    const r = await floor([...sixHours(db), "--bus", natsUrl()], { POLYFLOOR_BUS_PREFIX: prefix }, NATS_SIX_HOURS_MS);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`bus        ${natsUrl()}`);
    const s = await statusOf(db);
    expect(s.marketsSettled).toBe(24);
    expect(s.fills).toBeGreaterThan(0);
  }, NATS_SIX_HOURS_MS);
});

describe("floor machines --export", () => {
  it("writes every agent kind's machine as a config and a diagram", async () => {
    const dir = tmp.path("machines");
    const r = await floorInProcess(["machines", "--export", dir]);
    expect(r.code).toBe(0);
    const { readFileSync } = await import("node:fs");
    const trader = JSON.parse(readFileSync(`${dir}/trader.json`, "utf8")) as { id: string; states: Record<string, unknown> };
    expect(trader.id).toBe("trader");
    expect(Object.keys(trader.states)).toContain("trading");
    for (const kind of ["feed", "exchange", "trader", "boss", "auditor", "monitor", "order"]) expect(readFileSync(`${dir}/${kind}.mmd`, "utf8")).toMatch(/^stateDiagram-v2/);
    expect(readFileSync(`${dir}/README.md`, "utf8")).toContain("```mermaid");
  });
});
