import { LocalBus, type Bus, type BusMsg, type Handler, type PublishOptions, type SubscribeOptions, type Subscription } from "../floor/bus/index.ts";

/** Subject families that count as market data published by the feed (md.trade comes from the exchange). */
const MARKET_DATA = ["md.spot.", "md.book.", "md.market."] as const;

/**
 * A pass-through Bus that counts what the floor puts through it: publishes (all, and market data
 * from the feed) and handler invocations. Counting at `publish` adds no subscriber, so unlike a
 * `md.>` counter subscription it costs the floor no extra deliveries (on NATS, no extra copy of
 * every message over the socket), and unlike `live.feed.published` it needs no knowledge of how
 * many heartbeats and lifecycle messages the feed's host sent.
 */
export class CountingBus implements Bus {
  published = 0;
  marketData = 0;
  private wrapped = 0;
  private readonly local: LocalBus | undefined;

  /** `onPublish` sees every message published (the bench's TickProbe times books by it). */
  constructor(readonly inner: Bus, private readonly onPublish?: (subject: string, data: string) => void) {
    this.local = inner instanceof LocalBus ? inner : undefined;
  }

  /** Handler invocations: the in-process bus counts its own (a wrapper around every handler cost the floor a closure call per delivery, 4% of a 200-trader run); another bus's are counted by wrapping. */
  get deliveries(): number {
    return this.local ? this.local.delivered : this.wrapped;
  }

  get kind(): Bus["kind"] {
    return this.inner.kind;
  }

  get description(): string {
    return this.inner.description;
  }

  get health(): Bus["health"] {
    return this.inner.health;
  }

  interested(subject: string): boolean {
    return this.inner.interested?.(subject) ?? true;
  }

  publish(subject: string, data: string, opts?: PublishOptions): void {
    this.published++;
    if (subject.startsWith("md.") && MARKET_DATA.some((p) => subject.startsWith(p))) this.marketData++;
    this.onPublish?.(subject, data);
    this.inner.publish(subject, data, opts);
  }

  subscribe(subject: string, handler: Handler, opts?: SubscribeOptions): Subscription {
    if (this.local) return this.local.subscribe(subject, handler, opts);
    return this.inner.subscribe(
      subject,
      (msg: BusMsg) => {
        this.wrapped++;
        return handler(msg);
      },
      opts,
    );
  }

  request(subject: string, data: string, opts?: { timeoutMs?: number }): Promise<BusMsg> {
    this.published++;
    return this.inner.request(subject, data, opts);
  }

  idle(): Promise<void> {
    return this.inner.idle();
  }

  drain(): Promise<void> {
    return this.inner.drain();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
