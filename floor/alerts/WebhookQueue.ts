import type { Rng } from "../random/createRng.ts";
import type { Logger } from "../log/createLogger.ts";
import type { Alert } from "./Alert.ts";
import type { AlertTarget, DeliverySettings } from "./AlertTarget.ts";
import { composeMessage } from "./composeMessage.ts";
import { FORMATS } from "./formats/index.ts";
import { postWebhook, type PostFn } from "./postWebhook.ts";
import { sendWithRetries, type LastAnswer } from "./sendWithRetries.ts";
import { sleep } from "./sleep.ts";
import { Throttle } from "./Throttle.ts";

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

/**
 * One webhook's outbox, on wall time. `push` only queues and returns (a bus handler calls it);
 * one loop sends a message at a time: one alert per token of the bucket while it has tokens,
 * everything waiting coalesced into one message once it had to wait for one. A message that
 * `sendWithRetries` could not send is given up, logged and audited. Past `queue` alerts
 * waiting, more are counted by kind and the count goes out with the next message.
 */
export class WebhookQueue {
  readonly counts = { sent: 0, attempts: 0, failed: 0, dropped: 0 };
  private readonly waiting: Alert[] = [];
  private dropped: Record<string, number> = {};
  private readonly throttle: Throttle;
  private pumping = false;
  private done: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly abort = new AbortController();
  private readonly post: PostFn;

  constructor(private readonly o: QueueOptions) {
    this.throttle = new Throttle(o.target);
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
        const waited = await this.throttle.take(this.abort.signal);
        if (this.abort.signal.aborted) break;
        await this.deliver(this.waiting.splice(0, waited ? this.waiting.length : 1));
      }
    } finally {
      this.pumping = false;
    }
  }

  private async deliver(batch: Alert[]): Promise<void> {
    const { target, delivery, rng } = this.o;
    const dropped = this.dropped;
    this.dropped = {};
    const format = FORMATS[target.format];
    const body = JSON.stringify(format.body(composeMessage(batch, dropped, format.maxChars, this.o.scrub), target.chatId));
    const r = await sendWithRetries(this.post, target.url, body, delivery, rng, this.abort.signal, () => this.counts.attempts++);
    if (!r.sent) return this.giveUp(batch, dropped, r.attempts, r.last);
    this.counts.sent++;
    if (total(dropped) > 0) this.o.audit("alert_dropped", { webhook: this.name, dropped: total(dropped), kinds: dropped, reported: true });
  }

  /** A message that will not be sent: logged and audited with why; the dropped count it carried waits for the next one. */
  private giveUp(batch: Alert[], dropped: Record<string, number>, attempts: number, last: LastAnswer): void {
    for (const [k, n] of Object.entries(dropped)) this.dropped[k] = (this.dropped[k] ?? 0) + n;
    this.counts.failed += batch.length;
    const kind = [...new Set(batch.map((a) => a.kind))].join(",");
    const why = "error" in last ? { error: this.o.scrub(last.error) } : last;
    const detail = { webhook: this.name, kind, alerts: batch.length, attempts, ...why };
    this.o.log.error(detail, "alert not delivered: given up");
    this.o.audit("alert_failed", detail);
  }
}
