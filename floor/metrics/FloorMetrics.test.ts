import { describe, expect, it } from "vitest";
import { LocalBus } from "../bus/index.ts";
import { parsePromText } from "../../tests/helpers/promText.ts";
import { FloorMetrics } from "./FloorMetrics.ts";

const bus = new LocalBus();

const metrics = (ts: number, over: Record<string, unknown> = {}) => ({ v: 1, id: `monitor.1.${ts}`, ts, src: "monitor", agentId: "t-1", fills: 3, settled: 2, wins: 1, losses: 1, realizedPnl: 1_250_000, feesUsd: 175_000, ...over });

describe("the floor's Prometheus registry", () => {
  it("serves each agent's latest figures in base units, counters following the monitor's totals", async () => {
    const prom = new FloorMetrics(bus);
    bus.publish("metrics.t-1", JSON.stringify(metrics(60_000, { record: { trades: 2, winRate: 0.5, avgWin: 2e6, avgLoss: -750_000, profitFactor: null, sharpe: null, sortino: null, psr: null }, latency: { tickToIntent: { n: 1, p50: 3, p99: 3 } } })));
    bus.publish("metrics.t-1", JSON.stringify(metrics(70_000, { fills: 5 })));
    bus.publish("metrics.t-1", "{not json");
    await bus.idle();
    const f = parsePromText(await prom.text());
    const value = (name: string, labels: Record<string, string> = {}) => f.get(name)?.samples.find((s) => Object.entries({ agent: "t-1", ...labels }).every(([k, v]) => s.labels[k] === v))?.value;
    expect(f.get("polyfloor_fills_total")?.type).toBe("counter");
    expect(value("polyfloor_fills_total")).toBe(5);
    expect(value("polyfloor_realized_pnl_usd")).toBe(1.25);
    expect(value("polyfloor_fees_usd_total")).toBe(0.175);
    expect(value("polyfloor_metrics_timestamp_seconds")).toBe(70);
    // The second message had no record nor latency: those series are gone, not stale.
    expect(value("polyfloor_win_rate")).toBeUndefined();
    expect(value("polyfloor_latency_seconds", { leg: "tickToIntent", quantile: "0.5" })).toBeUndefined();
    expect(f.get("polyfloor_metrics_invalid_total")?.samples[0]?.value).toBe(1);
    // A total that went down (a monitor started afresh) starts the counter again.
    bus.publish("metrics.t-1", JSON.stringify(metrics(80_000, { fills: 1 })));
    await bus.idle();
    expect(parsePromText(await prom.text()).get("polyfloor_fills_total")?.samples.find((s) => s.labels.agent === "t-1")?.value).toBe(1);
    prom.stop();
  });
});
