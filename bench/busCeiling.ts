import { LocalBus, type Bus, type Subscription } from "../floor/bus/index.ts";
import { closeAndDropStream, tryNatsBus, uniquePrefix } from "./natsSupport.ts";
import { measureCeiling, secondsSince, sig, type CeilingResult } from "./stats.ts";

/** About 100 bytes, shaped like a spot tick with its envelope. */
export const PAYLOAD = JSON.stringify({ v: 1, id: "feed.1.1234567", ts: 1767225600000, src: "feed", symbol: "BTCUSD", price: 95000123456, n: 1 });

/** Outside `order.>` / `audit.>`, so NatsBus's JetStream stream does not store it. */
const SUBJECT = "bench.pubsub";

/**
 * Flow control of a run: publish in batches of `batch`, keeping at most `window` messages
 * published but not yet handled; then wait for `idle()`. Without a window, LocalBus's delivery
 * queue would hold every message at once (see `localBusBurst`) and NATS could cut a connection
 * that falls too far behind as a slow consumer.
 */
export interface Flow {
  batch: number;
  window: number;
}

/**
 * The same for both buses. A short queue matters for LocalBus: its `pump` takes deliveries with
 * `Array#shift`, which V8 does in O(1) only when it can trim the array in place; while the GC is
 * marking it copies the whole queue, and with a deeper queue (batch 1000, window 5000) about a
 * third of processes settled into a GC-heavy mode at ~40% of this rate. NATS measured the same
 * (within its run-to-run noise) with either window.
 */
export const FLOW: Flow = { batch: 200, window: 1000 };

/**
 * The one subscriber of a ceiling measurement (subscribed once for all runs on a bus): counts
 * what it handled and wakes the publisher when the in-flight window has drained to `target`.
 */
class Probe {
  handled = 0;
  private target = 0;
  private wake: (() => void) | undefined;
  private readonly sub: Subscription;

  constructor(readonly bus: Bus) {
    this.sub = bus.subscribe(SUBJECT, () => {
      this.handled++;
      if (this.wake !== undefined && this.handled >= this.target) {
        const w = this.wake;
        this.wake = undefined;
        w();
      }
    });
  }

  /** Resolves once `handled` reaches `target`. */
  until(target: number): Promise<void> {
    this.target = target;
    return this.handled >= target ? Promise.resolve() : new Promise<void>((resolve) => (this.wake = resolve));
  }

  close(): void {
    this.sub.unsubscribe();
  }
}

/** One timed run: `n` messages to the probe, first publish → `idle()` resolved. Returns seconds. */
async function pubSubOnce(probe: Probe, n: number, { batch, window }: Flow): Promise<number> {
  const bus = probe.bus;
  const base = probe.handled;
  const t0 = process.hrtime.bigint();
  let sent = 0;
  while (sent < n) {
    const k = Math.min(batch, n - sent);
    for (let i = 0; i < k; i++) bus.publish(SUBJECT, PAYLOAD);
    sent += k;
    if (sent - (probe.handled - base) > window) await probe.until(base + sent - window / 2);
  }
  await bus.idle();
  const sec = secondsSince(t0);
  if (probe.handled - base !== n) throw new Error(`${bus.kind} bus delivered ${probe.handled - base} of ${n} messages`);
  return sec;
}

/** Warm up, calibrate and time 3 runs on `bus`. */
async function pubSubCeiling(bus: Bus, startN: number, flow: Flow): Promise<CeilingResult> {
  const probe = new Probe(bus);
  try {
    return await measureCeiling((n) => pubSubOnce(probe, n, flow), { startN });
  } finally {
    probe.close();
  }
}

/** Pub/sub ceiling of the in-process bus. */
export async function localBusCeiling(): Promise<CeilingResult> {
  const bus = new LocalBus();
  try {
    return await pubSubCeiling(bus, 20_000, FLOW);
  } finally {
    await bus.close();
  }
}

/**
 * Diagnostic, one run: `n` publishes in one synchronous burst before anything is delivered, so
 * LocalBus's queue holds all n at once. Its `Array#shift` is O(queue length) once the array is
 * too big for V8 to trim in place (between 20k and 30k entries here), which makes a long burst
 * quadratic: 20k messages ran at ~500k msgs/s, 30k at ~45k, 100k at ~18k.
 */
export async function localBusBurst(n = 50_000): Promise<{ messages: number; msgsPerSec: number; seconds: number }> {
  const bus = new LocalBus();
  let handled = 0;
  bus.subscribe(SUBJECT, () => void handled++);
  try {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) bus.publish(SUBJECT, PAYLOAD);
    await bus.idle();
    const sec = secondsSince(t0);
    if (handled !== n) throw new Error(`local bus delivered ${handled} of ${n} messages`);
    return { messages: n, msgsPerSec: sig(n / sec), seconds: sig(sec, 3) };
  } finally {
    await bus.close();
  }
}

export type NatsCeiling = (CeilingResult & { url: string; lost: number }) | { url: string; median: null; reason: string };

/** Pub/sub ceiling through a NATS server (one connection publishes and subscribes). */
export async function natsBusCeiling(url: string): Promise<NatsCeiling> {
  const got = await tryNatsBus(url, uniquePrefix("ceiling"));
  if ("reason" in got) return { url, median: null, reason: got.reason };
  const { bus } = got;
  try {
    const r = await pubSubCeiling(bus, 5_000, FLOW);
    return { ...r, url, lost: bus.lostCount };
  } finally {
    await closeAndDropStream(url, bus);
  }
}
