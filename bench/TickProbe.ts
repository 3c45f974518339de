import { performance } from "node:perf_hooks";
import type { Bus, Subscription } from "../floor/bus/index.ts";
import { quantile } from "../floor/stats/quantile.ts";
import { sig } from "./stats.ts";

/** Books remembered by id while a decision on them may still come (the oldest are forgotten first). */
const REMEMBERED = 20_000;

export interface TickToDecision {
  /** Decisions whose intent named a book this process published. */
  decisions: number;
  /** Wall-clock µs from the book's publish to the decision's delivery here: median and 99th percentile (null without one). */
  p50Micros: number | null;
  p99Micros: number | null;
}

/**
 * Tick-to-decision latency in wall-clock time: `performance.now()` when the feed publishes a book
 * (CountingBus calls `published`), and when a boss decision naming it (`intent.tick.id`, set by
 * the trader that reacted to it) is delivered to this probe's own subscription. In-process that
 * is the trader, the boss and the bus's queues; over NATS, two crossings of the socket besides.
 */
export class TickProbe {
  private readonly sent = new Map<string, number>();
  private readonly micros: number[] = [];

  /** A message published: a book's id and the time, read from the envelope's start (`{"v":1,"id":"...`) without parsing it. */
  published(subject: string, data: string): void {
    if (!subject.startsWith("md.book.")) return;
    const at = data.indexOf('"id":"');
    if (at < 0) return;
    const id = data.slice(at + 6, data.indexOf('"', at + 6));
    this.sent.set(id, performance.now());
    if (this.sent.size > REMEMBERED) this.sent.delete(this.sent.keys().next().value!);
  }

  listen(bus: Bus): Subscription {
    return bus.subscribe("order.decision.*", (m) => {
      const now = performance.now();
      const id = (JSON.parse(m.data) as { intent?: { tick?: { id?: string } } }).intent?.tick?.id;
      const t0 = id === undefined ? undefined : this.sent.get(id);
      if (t0 !== undefined) this.micros.push((now - t0) * 1_000);
    });
  }

  result(): TickToDecision {
    if (this.micros.length === 0) return { decisions: 0, p50Micros: null, p99Micros: null };
    const sorted = Float64Array.from(this.micros).sort();
    return { decisions: sorted.length, p50Micros: sig(quantile(sorted, 0.5), 3), p99Micros: sig(quantile(sorted, 0.99), 3) };
  }
}
