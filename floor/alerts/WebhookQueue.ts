import type { Rng } from "../random/createRng.ts";
import type { Logger } from "../log/createLogger.ts";
import type { Alert } from "./Alert.ts";
import type { AlertTarget, DeliverySettings } from "./AlertTarget.ts";
import { backoffDelay } from "./backoffDelay.ts";
import { composeMessage } from "./composeMessage.ts";
import { FORMATS } from "./formats/index.ts";
import { postWebhook, type PostFn, type PostResult } from "./postWebhook.ts";
import { sleep } from "./sleep.ts";
import { fullBucket, msUntilToken, refill, take, type Bucket } from "./tokenBucket.ts";
import { verdictOf } from "./verdictOf.ts";

export interface QueueOptions {
  target: AlertTarget;
  delivery: DeliverySettings;
  scrub(text: string): string;
  rng: Rng;
  log: Logger;
  /** Write an audit entry (straight to the ledger); its detail never holds the URL. */
  audit(kind: "alert_failed" | "alert_dropped", detail: Record<string, unknown>): void;
  post?: PostFn;
}

const total = (counts: Record<string, number>) => Object.values(counts).reduce((s, n) => s + n, 0);
const lastOf = (r: PostResult) => ("status" in r ? { status: r.status } : { error: r.error });

/**
 * One webhook's outbox, on wall time. `push` only queues and returns (a bus handler calls it);
 * one loop sends a message at a time: one alert per token of the bucket while it has tokens,
 * everything waiting coalesced into one message once it had to wait for one. Each message is
 * tried `attempts` times with backoff, then given up, logged and audited. Past `queue` alerts
 * waiting, more are counted by kind and the count goes out with the next message.
 */
export class WebhookQueue {
  readonly counts = { sent: 0, attempts: 0, failed: 0, dropped: 0 };
  private readonly waiting: Alert[] = [];
  private dropped: Record<string, number> = {};
  private bucket: Bucket;
  private pumping = false;
  private done: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly abort = new AbortController();
  private readonly post: PostFn;

  constructor(private readonly o: QueueOptions) {
    this.bucket = fullBucket(o.target, Date.now());
    this.post = o.post ?? postWebhook;
  }

  get name(): string {
    return this.o.target.name;
  }
  /** Alerts queued and not yet in a message. */
  get pending(): number {
    return this.waiting.length;
  }

  /** Resolves once nothing is queued or being sent (tests wait on it rather than on time). */
  idle(): Promise<void> {
    return this.done;
  }

  push(alert: Alert): void {
    if (this.closed || !this.o.target.kinds.has(alert.kind)) return;
    if (this.waiting.length >= this.o.target.queue) {
      if (total(this.dropped) === 0) this.o.log.warn({ webhook: this.name, queue: this.o.target.queue }, "alert queue full: alerts are dropped and counted");
      this.dropped[alert.kind] = (this.dropped[alert.kind] ?? 0) + 1;
      this.counts.dropped++;
      return;
    }
    this.waiting.push(alert);
    if (!this.pumping) {
      this.pumping = true;
      this.done = this.pump();
    }
  }

  /** Let what is pending go for `graceMs` of wall time, then give up the rest (audited). */
  async stop(graceMs: number): Promise<void> {
    this.closed = true;
    const grace = new AbortController();
    await Promise.race([this.done, sleep(graceMs, grace.signal)]);
    grace.abort();
    this.abort.abort();
    await this.done; // prompt: every post and wait listens to the abort
    if (this.waiting.length) this.giveUp(this.waiting.splice(0), {}, 0, { error: `the floor stopped: not sent within the ${graceMs} ms grace` });
    if (total(this.dropped) > 0) this.o.audit("alert_dropped", { webhook: this.name, dropped: total(this.dropped), kinds: this.dropped, reported: false });
    this.dropped = {};
  }

  private async pump(): Promise<void> {
    try {
      while (this.waiting.length > 0 && !this.abort.signal.aborted) {
        const waited = await this.token();
        if (this.abort.signal.aborted) break;
        await this.deliver(this.waiting.splice(0, waited ? this.waiting.length : 1));
      }
    } finally {
      this.pumping = false;
    }
  }

  /** Take a token, waiting for one if need be; true when it had to wait. */
  private async token(): Promise<boolean> {
    const rate = this.o.target;
    this.bucket = refill(this.bucket, rate, Date.now());
    const wait = msUntilToken(this.bucket, rate);
    if (wait > 0) {
      await sleep(wait, this.abort.signal);
      this.bucket = refill(this.bucket, rate, Date.now());
    }
    this.bucket = take(this.bucket) ?? { tokens: 0, at: this.bucket.at };
    return wait > 0;
  }

  private async deliver(batch: Alert[]): Promise<void> {
    const { target, delivery, rng } = this.o;
    const dropped = this.dropped;
    this.dropped = {};
    const format = FORMATS[target.format];
    const body = JSON.stringify(format.body(composeMessage(batch, dropped, format.maxChars, this.o.scrub), target.chatId));
    for (let attempt = 1; ; attempt++) {
      this.counts.attempts++;
      const r = await this.post(target.url, body, delivery.timeoutMs, this.abort.signal);
      const verdict = "status" in r ? verdictOf(r.status) : "retry";
      if (verdict === "delivered") {
        this.counts.sent++;
        if (total(dropped) > 0) this.o.audit("alert_dropped", { webhook: this.name, dropped: total(dropped), kinds: dropped, reported: true });
        return;
      }
      if (verdict === "refused" || attempt >= delivery.attempts || this.abort.signal.aborted) return this.giveUp(batch, dropped, attempt, lastOf(r));
      await sleep("status" in r && r.retryAfterMs !== undefined ? r.retryAfterMs : backoffDelay(attempt, delivery, rng.next()), this.abort.signal);
    }
  }

  /** A message that will not be sent: logged and audited with why; the dropped count it carried waits for the next one. */
  private giveUp(batch: Alert[], dropped: Record<string, number>, attempts: number, last: { status: number } | { error: string }): void {
    for (const [k, n] of Object.entries(dropped)) this.dropped[k] = (this.dropped[k] ?? 0) + n;
    this.counts.failed += batch.length;
    const kind = [...new Set(batch.map((a) => a.kind))].join(",");
    const why = "error" in last ? { error: this.o.scrub(last.error) } : last;
    const detail = { webhook: this.name, kind, alerts: batch.length, attempts, ...why };
    this.o.log.error(detail, "alert not delivered: given up");
    this.o.audit("alert_failed", detail);
  }
}
