import { afterAll, describe, expect, it } from "vitest";
import { LocalBus, NatsBus, streamNameFor, type Bus } from "../../floor/bus/index.ts";
import { agentFileSchema, loadFloorConfig } from "../../floor/config/index.ts";
import { createLogger } from "../../floor/log/createLogger.ts";
import { runFloor, type LiveStatus } from "../../floor/runner/index.ts";
import { openDb, verifyAudit } from "../../state/index.ts";
import { describeNats, dropStreams, natsUrl, uniquePrefix } from "../helpers/nats.ts";
import { tmpDir } from "../helpers/tmp.ts";

const AgentConfig = agentFileSchema();

const SIX_HOURS = 6 * 3_600_000;
const tmp = tmpDir("sim");
afterAll(() => tmp.remove());
const log = createLogger({ level: "silent" });

async function run(name: string, seed: number, bus: Bus = new LocalBus()): Promise<{ status: LiveStatus; db: string }> {
  const db = tmp.path(`${name}.db`);
  try {
    const status = await runFloor({ config: loadFloorConfig(undefined), bus, dbPath: db, seed, speed: "max", untilMs: SIX_HOURS, log });
    return { status, db };
  } finally {
    await bus.close();
  }
}

/** Every identity the ledger must satisfy, checked from its rows. */
function checkLedger(path: string): void {
  const db = openDb(path, { readonly: true });
  const n = (sql: string) => Number((db.prepare(sql).get() as { n: number | null }).n ?? 0);
  try {
    // Cash is exactly what deposits, fills and settlements put there; allocations net to zero.
    expect(n("SELECT SUM(delta_micro) AS n FROM cash")).toBe(n("SELECT SUM(delta_micro) AS n FROM cash WHERE reason = 'deposit'") + n("SELECT SUM(cash_delta_micro) AS n FROM fills") + n("SELECT SUM(payout_micro) AS n FROM settlements"));
    expect(n("SELECT SUM(delta_micro) AS n FROM cash WHERE reason = 'allocate'")).toBe(0);
    // The floor never allocates capital it does not have.
    expect(n("SELECT SUM(delta_micro) AS n FROM cash WHERE agent_id = 'floor'")).toBeGreaterThanOrEqual(0);
    // With every market settled, cash = deposits + realized PnL, to the micro-unit.
    expect(n("SELECT COUNT(*) AS n FROM positions")).toBe(0);
    expect(n("SELECT SUM(delta_micro) AS n FROM cash")).toBe(n("SELECT SUM(delta_micro) AS n FROM cash WHERE reason = 'deposit'") + n("SELECT SUM(pnl_micro) AS n FROM settlements"));
    // Per market and agent, settlement PnL is payout minus the net cash spent on it.
    expect(n(`SELECT COUNT(*) AS n FROM settlements s WHERE s.pnl_micro != s.payout_micro + (SELECT SUM(cash_delta_micro) FROM fills f WHERE f.agent_id = s.agent_id AND f.market_id = s.market_id)`)).toBe(0);
    // Every fill belongs to an order, never exceeds it, and the auditor saw every fill.
    expect(n("SELECT COUNT(*) AS n FROM fills f LEFT JOIN orders o USING (order_id) WHERE o.order_id IS NULL")).toBe(0);
    expect(n("SELECT COUNT(*) AS n FROM orders WHERE filled_micro > size_micro")).toBe(0);
    expect(n("SELECT COUNT(*) AS n FROM audit_log WHERE kind = 'order_fill'")).toBe(n("SELECT COUNT(*) AS n FROM fills"));
    expect(n("SELECT COUNT(*) AS n FROM audit_log WHERE severity IN ('violation', 'invalid', 'error')")).toBe(0);
    expect(verifyAudit(db).ok).toBe(true);
  } finally {
    db.close();
  }
}

describe("sim floor on the in-process bus", () => {
  it("trades and settles the 24 markets of six hours, and the ledger adds up", async () => {
    const { status, db } = await run("seed7", 7);
    expect(status.marketsSettled).toBe(24);
    expect(status.orders).toBeGreaterThan(0);
    expect(status.fills).toBeGreaterThan(0);
    expect(status.settlements).toBeGreaterThan(0);
    expect(status.cash).toBeCloseTo(status.deposits + status.realizedPnl, 6);
    // The default roster (config/agents/): momentum-1 among others, each trader's cash its capital plus its PnL.
    expect(status.agents.find((a) => a.id === "momentum-1")).toMatchObject({ kind: "trader", state: "trading", capital: 1000 });
    const traders = status.agents.filter((a) => a.kind === "trader");
    for (const t of traders) expect(t.cash).toBeCloseTo(t.capital + t.pnl, 6);
    expect([...new Set(status.agents.map((a) => a.kind))].sort()).toEqual(["auditor", "boss", "exchange", "feed", "monitor", "trader"]);
    expect(status.agents.length).toBe(5 + traders.length);
    checkLedger(db);
  });

  it("allocates no more capital than the floor holds: with 12 traders at 10% each, two get none at birth, and the first review shares it out", async () => {
    const base = loadFloorConfig(undefined);
    const agents = Array.from({ length: 12 }, (_, i) => AgentConfig.parse({ id: `m${i + 1}`, kind: "trader", strategy: "momentum", params: { lookbackSec: 60 + 10 * i } }));
    const db = tmp.path("crowd.db");
    // Up to the first review (one hour of floor time): only the births' allocations.
    const s = await runFloor({ config: { ...base, agents }, bus: new LocalBus(), dbPath: db, seed: 4, speed: "max", untilMs: 3_600_000 - 1000, log });
    const traders = s.agents.filter((a) => a.kind === "trader");
    expect(traders.map((a) => a.capital).sort((a, b) => b - a)).toEqual([...Array(10).fill(1000), 0, 0]);
    expect(traders.filter((a) => a.capital === 0).every((a) => a.fills === 0)).toBe(true);
    // The review at 1 h: twelve short records share the floor's capital nearly equally, each within its 10% cap.
    const r = await runFloor({ config: { ...base, agents }, bus: new LocalBus(), dbPath: db, seed: 4, speed: "max", untilMs: 3_600_000 + 1000, log });
    const after = r.agents.filter((a) => a.kind === "trader").map((a) => a.capital);
    expect(after.every((c) => c > 0 && c <= 1000)).toBe(true);
    expect(after.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(10_000);
    checkLedger(db);
  });

  it("is deterministic: the same seed gives the same ledger hash, another seed another", async () => {
    const [a, b, c] = [await run("det-a", 11), await run("det-b", 11), await run("det-c", 12)];
    expect(b.status.ledgerHash).toBe(a.status.ledgerHash);
    expect(c.status.ledgerHash).not.toBe(a.status.ledgerHash);
  });

  it("resumes where it stopped: a second run continues the floor clock and keeps the ledger", async () => {
    const db = tmp.path("resume.db");
    const first = await runFloor({ config: loadFloorConfig(undefined), bus: new LocalBus(), dbPath: db, seed: 3, speed: "max", untilMs: 3_600_000, log });
    const second = await runFloor({ config: loadFloorConfig(undefined), bus: new LocalBus(), dbPath: db, seed: 3, speed: "max", untilMs: 2 * 3_600_000, log });
    expect(first.marketsSettled).toBe(4);
    // --until counts from the simulation's beginning: the second run starts one step after the first stopped, and runs its second hour.
    expect(second.floorTime! - first.floorTime!).toBe(3_600_000);
    expect(second.steps).toBe(3_600);
    // The window open at the stop carries on: it is settled, and the next three with it.
    expect(second.marketsSettled).toBe(8);
    expect(second.marketsOpened).toBe(9);
    expect(second.orders).toBeGreaterThanOrEqual(first.orders);
    checkLedger(db);
  });
});

await describeNats("sim floor over NATS", () => {
  const prefix = uniquePrefix("sim");
  afterAll(() => dropStreams(natsUrl(), [streamNameFor(prefix)]));

  it("completes the same six hours and settles the same markets as the in-process bus", async () => {
    const local = await run("parity-local", 7);
    const nats = await run("parity-nats", 7, await NatsBus.connect({ url: natsUrl(), prefix }));
    expect(nats.status.marketsSettled).toBe(24);
    const markets = (p: string) => {
      const db = openDb(p, { readonly: true });
      try {
        return db.prepare("SELECT market_id, outcome FROM markets WHERE outcome IS NOT NULL ORDER BY market_id").all();
      } finally {
        db.close();
      }
    };
    expect(markets(nats.db)).toEqual(markets(local.db));
    expect(nats.status.fills).toBeGreaterThan(0);
    checkLedger(nats.db);
  });
});
