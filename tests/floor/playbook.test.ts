import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalBus } from "../../floor/bus/index.ts";
import { loadFloorConfig, type LoadedConfig } from "../../floor/config/index.ts";
import { skillByAgent } from "../../floor/cli/skillByAgent.ts";
import { createLogger } from "../../floor/log/createLogger.ts";
import { runFloor } from "../../floor/runner/index.ts";
import { openDb, verifyAudit, type Db } from "../../state/index.ts";
import { tmpDir } from "../helpers/tmp.ts";

/*
 * The Done-when: in a 2-day sim of the default roster (config/agents/), every enabled
 * strategy trades, no order reaches the exchange without the boss's decision, and each
 * strategy's Brier score and skill against the market are reported with intervals.
 */
const TWO_DAYS = 48 * 3_600_000;
const tmp = tmpDir("playbook");
let config: LoadedConfig;
let db: Db;

beforeAll(async () => {
  config = loadFloorConfig("config/floor.yaml");
  config.floor.digests.dir = tmp.path("digests"); // the run crosses midnight: its digests go beside its db, never into the repo
  const bus = new LocalBus();
  try {
    await runFloor({ config, bus, dbPath: tmp.path("floor.db"), seed: 11, speed: "max", untilMs: TWO_DAYS, log: createLogger({ level: "silent" }) });
  } finally {
    await bus.close();
  }
  db = openDb(tmp.path("floor.db"), { readonly: true });
}, 600_000);
afterAll(() => {
  db?.close();
  tmp.remove();
});

const enabled = () => config.agents.filter((a) => a.kind === "trader" && a.enabled);
const count = (sql: string, ...args: unknown[]) => Number((db.prepare(sql).get(...args) as { n: number }).n);

describe("the default roster over two days of sim", () => {
  it("runs one trader of every enabled strategy kind, and each of them trades", () => {
    expect(enabled().length).toBeGreaterThanOrEqual(7);
    for (const a of enabled()) {
      const strategy = (a as unknown as { strategy: string }).strategy;
      expect(count("SELECT COUNT(*) AS n FROM orders WHERE agent_id = ?", a.id), `${a.id} (${strategy}) placed orders`).toBeGreaterThan(0);
      expect(count("SELECT COUNT(*) AS n FROM fills WHERE agent_id = ?", a.id), `${a.id} (${strategy}) was filled`).toBeGreaterThan(0);
    }
  });

  it("sends no order to the exchange without the boss's approval", () => {
    expect(count("SELECT COUNT(*) AS n FROM orders")).toBeGreaterThan(0);
    // One pass over each table (a correlated subquery per order was quadratic in a market maker's thousands of orders).
    const approved = new Set((db.prepare("SELECT json_extract(detail_json, '$.intentId') AS id FROM audit_log WHERE kind = 'approved' AND src = 'boss'").all() as Array<{ id: string }>).map((r) => r.id));
    const orders = (db.prepare("SELECT intent_id AS id FROM orders").all() as Array<{ id: string }>).map((r) => r.id);
    const unapproved = orders.filter((id) => !approved.has(id)).length;
    expect(unapproved).toBe(0);
    expect(count("SELECT COUNT(*) AS n FROM audit_log WHERE severity IN ('violation', 'invalid', 'error')")).toBe(0);
    expect(verifyAudit(db).ok).toBe(true);
  });

  it("writes a digest of each of the two days, with no violation in either", () => {
    const files = readdirSync(tmp.path("digests")).sort();
    expect(files.filter((f) => f.endsWith(".md"))).toHaveLength(2);
    expect(files.filter((f) => f.endsWith(".html"))).toHaveLength(2);
    for (const f of files.filter((x) => x.endsWith(".md"))) expect(readFileSync(tmp.path(`digests/${f}`), "utf8")).toContain("Violations: 0.");
  });

  it("scores every enabled strategy's beliefs against the market, with an interval on its skill", () => {
    const skill = skillByAgent(db);
    for (const a of enabled()) {
      const s = skill.get(a.id);
      expect(s, `${a.id} has scored beliefs`).toBeDefined();
      expect(s!.n).toBeGreaterThan(100);
      expect(s!.brierAgent).toBeGreaterThan(0);
      expect(s!.brierMarket).toBeGreaterThan(0);
      const k = s!.skill!;
      expect(k.lo).toBeLessThanOrEqual(k.estimate);
      expect(k.hi).toBeGreaterThanOrEqual(k.estimate);
      expect(k.hi).toBeGreaterThan(k.lo);
    }
  });
});
