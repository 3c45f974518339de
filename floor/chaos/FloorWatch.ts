import { connect, type NatsConnection } from "@nats-io/transport-node";
import { ClockStep, families } from "../../protocols/index.ts";

type Waiter = { ready: () => boolean; value: () => number | null; resolve: (v: number | null) => void };

/**
 * The harness's observer on the floor's bus (its own connection, under the floor's prefix, that
 * reconnects for ever across NATS restarts): the floor's time from `floor.clock.step`, when it
 * last advanced, whether the run has reached its end, and when `order.event.*` messages arrive.
 */
export class FloorWatch {
  /** Floor time of the first step seen: where the run's offsets count from. */
  origin: number | undefined;
  /** The largest step seen, and the wall time it first arrived. */
  t = -Infinity;
  advancedAt = Date.now();
  ended = false;
  private readonly orderEventsAt: number[] = [];
  private waiters: Waiter[] = [];

  private constructor(private readonly nc: NatsConnection, prefix: string) {
    nc.subscribe(`${prefix}${families.clockStep.pattern}`, { callback: (_err, m) => this.step(m.string()) });
    nc.subscribe(`${prefix}${families.orderEvent.pattern}`, {
      callback: () => {
        this.orderEventsAt.push(Date.now());
        this.check();
      },
    });
  }

  static async open(url: string, prefix: string): Promise<FloorWatch> {
    const nc = await connect({ servers: url, name: "polyfloor-chaos-watch", reconnect: true, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
    return new FloorWatch(nc, prefix);
  }

  /** Resolves once floor time reaches `offsetMs` past the origin (the floor time then), or with null at the run's end. */
  reached(offsetMs: number): Promise<number | null> {
    const due = () => this.origin !== undefined && this.t >= this.origin + offsetMs;
    return this.wait(() => due() || this.ended, () => (due() ? this.t : null));
  }

  /** Wall time of the first step past floor time `t`; null if the run ends (or the watch closes) first. */
  steppedPast(t: number): Promise<number | null> {
    return this.wait(() => this.t > t || this.ended, () => (this.t > t ? this.advancedAt : null));
  }

  /** Wall time of the first `order.event.*` that arrived after wall time `after`; null if none before the watch closes. */
  orderEventAfter(after: number): Promise<number | null> {
    const first = () => firstAfter(this.orderEventsAt, after);
    return this.wait(() => first() !== undefined, () => first() ?? null);
  }

  async close(): Promise<void> {
    for (const w of this.waiters) w.resolve(null);
    this.waiters = [];
    await this.nc.close().catch(() => undefined);
  }

  private step(data: string): void {
    let body: unknown;
    try {
      body = JSON.parse(data);
    } catch {
      return;
    }
    const s = ClockStep.safeParse(body);
    if (!s.success) return;
    this.origin ??= s.data.t;
    if (s.data.t > this.t) {
      this.t = s.data.t;
      this.advancedAt = Date.now();
    }
    if (s.data.end) this.ended = true;
    this.check();
  }

  private wait(ready: () => boolean, value: () => number | null): Promise<number | null> {
    if (ready()) return Promise.resolve(value());
    return new Promise((resolve) => this.waiters.push({ ready, value, resolve }));
  }

  private check(): void {
    const due = this.waiters.filter((w) => w.ready());
    if (due.length === 0) return;
    this.waiters = this.waiters.filter((w) => !due.includes(w));
    for (const w of due) w.resolve(w.value());
  }
}

/** The first of ascending `times` greater than `after` (binary search: a long run keeps many). */
function firstAfter(times: readonly number[], after: number): number | undefined {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! > after) hi = mid;
    else lo = mid + 1;
  }
  return times[lo];
}
