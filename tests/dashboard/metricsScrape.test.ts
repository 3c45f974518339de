import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalBus } from "../../floor/bus/index.ts";
import { loadFloorConfig } from "../../floor/config/index.ts";
import { startDashboard, type Dashboard } from "../../floor/dashboard/index.ts";
import { createLogger } from "../../floor/log/createLogger.ts";
import { PROM_SERIES } from "../../floor/metrics/index.ts";
import { runFloor } from "../../floor/runner/index.ts";
import type { Metrics } from "../../protocols/index.ts";
import { parsePromText, type PromFamily } from "../helpers/promText.ts";
import { tmpDir } from "../helpers/tmp.ts";

/**
 * `/metrics` scraped over HTTP from a running sim floor (the one-momentum-trader fixture at full
 * speed), parsed strictly as Prometheus' text format, and checked against the monitor's own
 * `metrics.<agentId>` message that the scrape served (found by its timestamp series).
 */
describe("/metrics on a running floor", () => {
  const tmp = tmpDir("metrics-scrape");
  const stop = new AbortController();
  const bus = new LocalBus();
  const heard = new Map<string, Metrics>();
  let settled: () => void;
  const traded = new Promise<void>((r) => (settled = r));
  let open: Dashboard | undefined;
  let guarded: Dashboard | undefined;
  let running: Promise<unknown>;
  const token = "a-token-only-the-owner-knows-42";

  beforeAll(async () => {
    bus.subscribe("metrics.*", (m) => {
      const msg = JSON.parse(m.data) as Metrics;
      heard.set(`${msg.agentId}@${msg.ts}`, msg);
      if (msg.agentId === "momentum-1" && msg.settled >= 1) settled();
    });
    const ready = new Promise<void>((resolve) => {
      running = runFloor({
        config: loadFloorConfig(undefined), bus, dbPath: tmp.path("floor.db"), seed: 3, speed: "max", signal: stop.signal, log: createLogger({ level: "silent" }),
        onReady: async (live, metrics) => {
          open = await startDashboard("127.0.0.1:0", live, metrics);
          guarded = await startDashboard({ host: "127.0.0.1", port: 0, token }, live, metrics);
          resolve();
        },
      });
    });
    await ready;
    await traded;
  });

  afterAll(async () => {
    stop.abort();
    await running;
    await open?.close();
    await guarded?.close();
    await bus.close();
    tmp.remove();
  });

  it("parses as the text format and serves the trader's and the floor's figures as the monitor published them", async () => {
    const res = await fetch(new URL("metrics", open!.url));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const families = parsePromText(await res.text());
    for (const s of PROM_SERIES) expect(families.get(s.name)?.type, s.name).toBe(s.type);
    const of = (f: PromFamily | undefined, labels: Record<string, string>) => f?.samples.find((x) => Object.entries(labels).every(([k, v]) => x.labels[k] === v))?.value;
    for (const agent of ["momentum-1", "floor"]) {
      const at = of(families.get("polyfloor_metrics_timestamp_seconds"), { agent })!;
      const m = heard.get(`${agent}@${at * 1000}`)!;
      expect(m, agent).toBeDefined();
      const value = (name: string, labels: Record<string, string> = {}) => of(families.get(name), { agent, ...labels });
      expect(value("polyfloor_fills_total")).toBe(m.fills);
      expect(value("polyfloor_settled_total")).toBe(m.settled);
      expect(value("polyfloor_realized_pnl_usd")).toBeCloseTo(m.realizedPnl / 1e6, 9);
      expect(value("polyfloor_unrealized_pnl_usd")).toBeCloseTo(m.unrealizedPnl! / 1e6, 9);
      expect(value("polyfloor_fees_usd_total")).toBeCloseTo(m.feesUsd / 1e6, 9);
      expect(value("polyfloor_turnover_usd_total")).toBeCloseTo(m.turnover! / 1e6, 9);
      expect(value("polyfloor_equity_usd")).toBeCloseTo(m.equity! / 1e6, 9);
      expect(value("polyfloor_uptime_seconds")).toBeCloseTo(m.uptimeMs! / 1000, 9);
      expect(value("polyfloor_win_rate")).toBe(m.record?.winRate ?? undefined);
      const p99 = m.latency?.tickToDecision?.p99;
      expect(value("polyfloor_latency_seconds", { leg: "tickToDecision", quantile: "0.99" })).toBe(p99 === null || p99 === undefined ? undefined : p99 / 1000);
    }
    // The trader settled a window and decided on books: its record and the latency of its intents are there.
    const trader = heard.get(`momentum-1@${of(families.get("polyfloor_metrics_timestamp_seconds"), { agent: "momentum-1" })! * 1000}`)!;
    expect(trader.settled).toBeGreaterThanOrEqual(1);
    expect(trader.record!.trades).toBe(trader.settled);
    expect(trader.latency!.tickToIntent!.n).toBeGreaterThanOrEqual(1);
  });

  it("holds /metrics behind the dashboard's token", async () => {
    expect((await fetch(new URL("metrics", guarded!.url))).status).toBe(401);
    const ok = await fetch(new URL("metrics", guarded!.url), { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(parsePromText(await ok.text()).has("polyfloor_fills_total")).toBe(true);
  });
});
