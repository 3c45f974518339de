import { mkdirSync, writeFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { setup } from "xstate";
import { LocalBus } from "../../floor/bus/index.ts";
import { agentFileSchema, loadFloorConfig } from "../../floor/config/index.ts";
import { route, type AgentSpec, type Supervisor } from "../../floor/host/index.ts";
import { createLogger } from "../../floor/log/createLogger.ts";
import { runFloor } from "../../floor/runner/index.ts";
import { families, FloorConfig } from "../../protocols/index.ts";
import { openDb, verifyFloor } from "../../state/index.ts";
import { floorInProcess } from "../helpers/floorInProcess.ts";
import { tmpDir } from "../helpers/tmp.ts";
import { startWebhookServer } from "./webhookServer.ts";

const tmp = tmpDir("floor-alerts");
afterAll(() => tmp.remove());
const log = createLogger({ level: "silent" });

/**
 * A trader-kind agent of this test: on its first spot tick it publishes a pause for fair-1 (a
 * boss-only subject: refused and audited as a violation), then throws on every message (crashes,
 * is restarted once, then fails for good).
 */
function rogue(id: string): AgentSpec {
  let told = false;
  return {
    id, kind: "trader", config: { id, kind: "trader", test: "rogue" },
    create: (ctx) => ({
      machine: setup({}).createMachine({ id: "rogue", initial: "up", states: { up: {} } }),
      machineVersion: "rogue@1",
      routes: [
        route(families.spot, () => {
          if (!told) ctx.publish("ctl.fair-1.pause", { verb: "pause", reason: "not mine to say" });
          told = true;
          throw new Error(`${id} throws on every tick`);
        }),
      ],
    }),
  };
}

describe("alerts on a running floor", () => {
  it("a sim floor with a webhook: the violation, the crash and the failure reach it, the floor verifies", async () => {
    const srv = await startWebhookServer();
    const base = loadFloorConfig(undefined);
    const floor = FloorConfig.parse({
      sim: { series: [{ asset: "BTC", symbol: "BTCUSD", marketMinutes: 5, startPrice: 95_000 }] },
      alerts: { webhooks: [{ name: "ops", format: "discord", urlEnv: "OPS_HOOK", burst: 20, perMinute: 600 }] },
    });
    const agents = [agentFileSchema().parse({ id: "fair-1", kind: "trader", strategy: "fairValue", params: {} })];
    const bus = new LocalBus();
    const dbPath = tmp.path("floor.db");
    try {
      await runFloor({
        config: { ...base, floor, agents }, bus, dbPath, seed: 3, speed: "max", untilMs: 60_000, log,
        alerts: { env: { OPS_HOOK: `${srv.origin}/api/webhooks/9/hooktoken` } },
        onSupervisor: (s: Supervisor) => void s.boot(rogue("rogue-1"), "command"),
      });
    } finally {
      await bus.close();
    }
    // Delivered within the stop's grace: the server answers at once.
    const texts = srv.seen.map((s) => String(s.body.content)).join("\n");
    expect(texts).toMatch(/Violation \(violation\) reported by rogue-1 on ctl\.fair-1\.pause: rule publish_rights\./);
    expect(texts).toMatch(/Agent rogue-1 crashed \(during md\.spot\.BTCUSD\): Error: rogue-1 throws on every tick; restart 1 in a row, after 1000 ms of floor time/);
    expect(texts).toMatch(/Agent rogue-1 \(trader\) failed and will not be restarted: restart intensity exceeded/);
    expect(srv.seen.every((s) => s.path === "/api/webhooks/9/hooktoken")).toBe(true);
    expect(texts).not.toContain("hooktoken");
    const db = openDb(dbPath, { readonly: true });
    try {
      expect(db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE kind LIKE 'alert_%'").get()).toEqual({ n: 0 });
      expect(verifyFloor(db, dbPath).ok).toBe(true);
    } finally {
      db.close();
      await srv.close();
    }
  }, 120_000);

  it("a floor that crosses midnight: the auditor's digest of the day reaches the webhook, with its PnL and files", async () => {
    const srv = await startWebhookServer();
    const base = loadFloorConfig(undefined);
    const floor = FloorConfig.parse({
      sim: { series: [{ asset: "BTC", symbol: "BTCUSD", marketMinutes: 15, startPrice: 95_000 }] },
      digests: { dir: tmp.path("digests") },
      alerts: { webhooks: [{ name: "ops", format: "slack", urlEnv: "OPS_HOOK", kinds: ["digest"] }] },
    });
    const agents = [agentFileSchema().parse({ id: "fair-1", kind: "trader", strategy: "fairValue", params: {} })];
    const bus = new LocalBus();
    const dbPath = tmp.path("midnight.db");
    try {
      await runFloor({ config: { ...base, floor, agents }, bus, dbPath, seed: 5, speed: "max", untilMs: 25 * 3_600_000, log, alerts: { env: { OPS_HOOK: `${srv.origin}/services/T0/B0/slacktoken` } } });
    } finally {
      await bus.close();
    }
    const db = openDb(dbPath, { readonly: true });
    try {
      const written = db.prepare("SELECT detail_json FROM audit_log WHERE kind = 'digest_written'").all() as Array<{ detail_json: string }>;
      expect(written).toHaveLength(1);
      const d = JSON.parse(written[0]!.detail_json) as { date: string; markdown: string; html: string; pnl: number };
      const texts = srv.seen.map((x) => String(x.body.text));
      expect(texts).toHaveLength(1);
      const pnl = `${d.pnl < 0 ? "-" : "+"}$${(Math.abs(d.pnl) / 1_000_000).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
      expect(texts[0]).toContain(`Daily digest for ${d.date}: floor PnL ${pnl}. Markdown: ${d.markdown}; HTML: ${d.html}`);
      expect(texts[0]).not.toContain("slacktoken");
    } finally {
      db.close();
      await srv.close();
    }
  }, 120_000);

  it("a floor run without `alerts` (backtest, record) starts none: it needs no URL variable, whatever the config says", async () => {
    const floor = FloorConfig.parse({ alerts: { webhooks: [{ name: "ops", format: "slack", urlEnv: "NOT_SET_ANYWHERE" }] } });
    const bus = new LocalBus();
    try {
      // With alerts on, this config is refused (the test above and below); off, the floor runs its 10 s.
      const status = await runFloor({ config: { ...loadFloorConfig(undefined), floor }, bus, dbPath: tmp.path("quiet.db"), seed: 3, speed: "max", untilMs: 10_000, log });
      expect(status.steps).toBeGreaterThan(0);
      await expect(runFloor({ config: { ...loadFloorConfig(undefined), floor }, bus, dbPath: tmp.path("loud.db"), seed: 3, speed: "max", untilMs: 10_000, log, alerts: { env: {} } })).rejects.toThrow(/NOT_SET_ANYWHERE is not set/);
    } finally {
      await bus.close();
    }
  }, 60_000);

  it("floor start refuses a webhook whose URL variable is not set: exit 2, naming the file, the field and the variable", async () => {
    const dir = tmp.path("cfg");
    mkdirSync(dir, { recursive: true });
    const file = `${dir}/floor.yaml`;
    writeFileSync(file, ["alerts:", "  webhooks:", "    - name: ops", "      format: slack", "      urlEnv: POLYFLOOR_ALERT_SLACK_URL", ""].join("\n"));
    const r = await floorInProcess(["start", "--config", file, "--db", tmp.path("never.db"), "--until", "1m", "--speed", "max"], { POLYFLOOR_ALERT_SLACK_URL: "" });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:5: alerts.webhooks.0.urlEnv: POLYFLOOR_ALERT_SLACK_URL is not set`);
    expect(r.stdout).toBe("");
  });
});
