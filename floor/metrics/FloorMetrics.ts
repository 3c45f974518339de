import { Counter, Gauge, Registry } from "prom-client";
import { decode, type Metrics } from "../../protocols/index.ts";
import type { Bus, Subscription } from "../bus/Bus.ts";
import { PROM_SERIES, type PromSeries } from "./promSeries.ts";

/**
 * The floor's Prometheus registry (a registry of its own, never prom-client's global one), kept
 * from the `metrics.*` messages it hears on the bus: every PROM_SERIES series with an `agent`
 * label. A counter follows the monitor's running total (a total that went down, a monitor that
 * started afresh, starts the series again). An invalid message is counted, not served.
 */
export class FloorMetrics {
  readonly registry = new Registry();
  private readonly made = new Map<string, Gauge | Counter>();
  private readonly totals = new Map<string, number>();
  private readonly invalid: Counter;
  private readonly sub: Subscription;

  constructor(bus: Bus) {
    for (const s of PROM_SERIES) {
      const opts = { name: s.name, help: `${s.help} (${s.unit})`, labelNames: ["agent", ...(s.labels ?? [])], registers: [this.registry] };
      this.made.set(s.name, s.type === "counter" ? new Counter(opts) : new Gauge(opts));
    }
    this.invalid = new Counter({ name: "polyfloor_metrics_invalid_total", help: "metrics.* messages refused as invalid (messages)", registers: [this.registry] });
    this.sub = bus.subscribe("metrics.*", (msg) => {
      const d = decode<Metrics>(msg.subject, msg.data);
      if (d.ok) this.take(d.msg);
      else this.invalid.inc();
    });
  }

  /** The Prometheus text exposition of every series. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  stop(): void {
    this.sub.unsubscribe();
  }

  take(m: Metrics): void {
    for (const s of PROM_SERIES) {
      for (const [labels, value] of s.samples(m)) this.set(s, { agent: m.agentId, ...labels }, value);
    }
  }

  private set(s: PromSeries, labels: Record<string, string>, value: number | null | undefined): void {
    const metric = this.made.get(s.name)!;
    if (value === null || value === undefined) {
      metric.remove(labels);
      return;
    }
    if (metric instanceof Gauge) {
      metric.set(labels, value);
      return;
    }
    const key = `${s.name}${JSON.stringify(labels)}`;
    const before = this.totals.get(key);
    if (before === undefined || value < before) {
      metric.remove(labels);
      metric.inc(labels, value);
    } else if (value > before) metric.inc(labels, value - before);
    this.totals.set(key, value);
  }
}
