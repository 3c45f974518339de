import { randomUUID } from "node:crypto";
import type { NatsConnection } from "@nats-io/transport-node";
import { BusClosedError, type Bus, type BusHealth, type BusViolation, type BusMsg, type Handler, type PublishOptions, type SubscribeOptions, type Subscription } from "./Bus.ts";
import { ConnectionWatch } from "./ConnectionWatch.ts";
import { DeliveryLedger } from "./DeliveryLedger.ts";
import { withDefaults, type NatsBusOptions, type NatsBusSettings } from "./NatsBusOptions.ts";
import { busAuth, type BusAuth } from "./auth/busAuth.ts";
import { parseBusUrl } from "./auth/busEndpoint.ts";
import { mapRequestError, openNats, type BusIdentity, type NatsBusStatus } from "./natsConnection.ts";
import { UnackedPublishesError, type JetStreamOutbox } from "./natsOutbox.ts";
import { NatsPublisher } from "./NatsPublisher.ts";
import { NatsSubscriptions } from "./NatsSubscriptions.ts";
import { jetstreamManager, JetStreamApiCodes, JetStreamApiError } from "@nats-io/jetstream";
import { quietTwice } from "./quietTwice.ts";
import { lastOnSubject, readStream, seekStream, streamMessageCount, streamNameFor, type StoredMessage } from "./natsStream.ts";
import { SubjectPrefix } from "./natsSubjects.ts";

export type { NatsBusOptions } from "./NatsBusOptions.ts";
export type { BusViolation, NatsBusStatus } from "./natsConnection.ts";
export { UnackedPublishesError } from "./natsOutbox.ts";
export type { OutboxStats } from "./natsOutbox.ts";

/**
 * The bus over a NATS server. Core publish/subscribe, except on `order.>` and `audit.>`, which a
 * JetStream stream captures: those go out as JetStream publishes through an outbox that keeps
 * each one until the stream acks it, across server outages (see JetStreamOutbox); subscribers
 * still get them as ordinary messages, repeats filtered out, or, subscribed with `durable`, from
 * a JetStream durable consumer that resumes after a restart (DurableSubscription). Same handler semantics as LocalBus;
 * `idle()` tracks only this instance's own messages, tagged with an origin header, so other
 * processes don't disturb it, and waits for the outbox. Sending is NatsPublisher's, receiving
 * NatsSubscriptions', the connection's ups and downs ConnectionWatch's; this class ties them
 * to one DeliveryLedger and runs drain and close.
 */
export class NatsBus implements Bus {
  readonly kind = "nats" as const;
  readonly description: string;
  readonly streamName: string;
  private readonly ledger = new DeliveryLedger();
  private readonly connection: ConnectionWatch;
  private readonly subscriptions: NatsSubscriptions;
  private readonly publisher: NatsPublisher;
  private readonly outbox: JetStreamOutbox;
  private readonly settings: NatsBusSettings;
  private readonly identity: BusIdentity;
  private readonly violationListeners = new Set<(v: BusViolation) => void>();
  private readonly earlyViolations: BusViolation[] = [];
  private closed = false;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly subjects: SubjectPrefix,
    url: string,
    opts: NatsBusOptions,
    auth: BusAuth,
    streamSeq: number,
  ) {
    const { prefix } = subjects;
    this.identity = { auth: auth.method, authRequired: nc.info?.auth_required === true, tls: auth.tls };
    this.description = prefix ? `${url} prefix=${prefix}` : url;
    this.streamName = streamNameFor(prefix);
    const o = withDefaults(opts, this.description);
    this.settings = o;
    const origin = randomUUID();
    const closed = () => this.closed;
    const resend = () => {
      this.outbox.resend();
      this.subscriptions.reconnected();
    };
    this.connection = new ConnectionWatch(nc, subjects, this.ledger, { url, replicas: opts.replicas ?? 1, lostGraceMs: o.lostGraceMs, resend, closed, warn: o.warn, onViolation: (v) => this.violated(v), streamChecked: (seq) => this.publisher.streamChecked(seq) });
    this.subscriptions = new NatsSubscriptions(nc, subjects, this.ledger, {
      origin, onHandlerError: o.onHandlerError, closed, stream: this.streamName, ackWaitMs: o.durableAckWaitMs, warn: o.warn,
      gate: () => this.publisher.gate(),
      flushed: () => this.publisher.flushed(),
    });
    const keysFor = (full: string) => this.subscriptions.keysFor(full);
    const durableKeysFor = (full: string) => this.subscriptions.durableKeysFor(full);
    const connected = () => this.connection.connected;
    this.publisher = new NatsPublisher(nc, subjects, this.ledger, { origin, keysFor, durableKeysFor, ackTimeoutMs: o.ackTimeoutMs, connected, warn: o.warn, streamSeq });
    this.outbox = this.publisher.outbox;
    void nc.closed().then(() => this.shutdown());
  }

  static async connect(opts: NatsBusOptions): Promise<NatsBus> {
    const subjects = new SubjectPrefix(opts.prefix);
    const endpoint = parseBusUrl(opts.url, "bus url");
    const auth = opts.auth ?? busAuth(endpoint, {});
    const warn = opts.warn ?? ((message: string) => console.error(`NatsBus ${endpoint.display}: ${message}`));
    const { nc, streamSeq } = await openNats(endpoint, auth, subjects.prefix, opts.name, opts.replicas ?? 1, warn);
    return new NatsBus(nc, subjects, endpoint.display, opts, auth, streamSeq);
  }

  get status(): Readonly<NatsBusStatus> {
    const server = this.nc.info?.server_name || this.nc.info?.server_id;
    return { ...this.connection.counters, ...this.identity, lost: this.connection.lost, outbox: this.outbox.stats, ...(server ? { server } : {}) };
  }

  get health(): Readonly<BusHealth> {
    const { connected, since, disconnects, reconnects, lastError } = this.connection.counters;
    return { state: connected ? "connected" : "reconnecting", since, disconnects, reconnects, ...(lastError ? { lastError } : {}) };
  }

  /** Own deliveries written off as never arriving (see LossWatch). */
  get lostCount(): number {
    return this.connection.lost;
  }

  publish(subject: string, data: string, opts?: PublishOptions): void {
    this.assertOpen();
    this.publisher.publish(subject, data, opts?.after, opts?.again);
  }

  subscribe(subject: string, handler: Handler, opts: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    return this.subscriptions.subscribe(subject, handler, opts);
  }

  async request(subject: string, data: string, opts: { timeoutMs?: number } = {}): Promise<BusMsg> {
    this.assertOpen();
    const timeoutMs = opts.timeoutMs ?? 5000;
    const reply = this.publisher.request(subject, data, timeoutMs);
    try {
      return this.subscriptions.toBusMsg(await reply);
    } catch (err) {
      throw mapRequestError(err, subject, timeoutMs);
    }
  }

  idle(): Promise<void> {
    return this.ledger.idle();
  }

  /**
   * Waits up to `drainTimeoutMs` for what is in flight, then closes. Rejects with
   * UnackedPublishesError (after logging it) when order/audit publishes are still unacknowledged.
   */
  async drain(): Promise<void> {
    if (this.closing) return this.closing;
    let timer: NodeJS.Timeout | undefined;
    const settled = this.ledger.idle().then(() => this.subscriptions.durablesAcknowledged());
    await Promise.race([settled, new Promise<void>((r) => (timer = setTimeout(r, this.settings.drainTimeoutMs)))]);
    clearTimeout(timer);
    this.closing ??= (async () => {
      const unacked = this.outbox.pending;
      if (unacked > 0) {
        await this.close(); // logs them
        throw new UnackedPublishesError(unacked, `NatsBus ${this.description}`, this.settings.drainTimeoutMs);
      }
      await this.nc.drain().catch(() => undefined);
      const handlers = this.subscriptions.handlersDone();
      if (handlers) await handlers;
      this.shutdown();
    })();
    return this.closing;
  }

  async close(): Promise<void> {
    this.shutdown();
    if (!this.nc.isClosed()) await this.nc.close().catch(() => undefined);
  }

  /** Delete durable consumer `name` (as given to subscribe) from the stream; false when there was none. */
  async deleteDurable(name: string): Promise<boolean> {
    const jsm = await jetstreamManager(this.nc, { checkAPI: false });
    return jsm.consumers.delete(this.streamName, this.subscriptions.consumerName(name)).catch((err: unknown) => {
      if (err instanceof JetStreamApiError && err.code === JetStreamApiCodes.ConsumerNotFound) return false;
      throw err;
    });
  }

  async durablesOf(agentId: string): Promise<string[]> {
    const jsm = await jetstreamManager(this.nc, { checkAPI: false });
    const found: string[] = [];
    for await (const c of jsm.consumers.list(this.streamName)) {
      const filter = c.config.filter_subject;
      if (!filter || !c.name.startsWith(`${this.streamName}__`)) continue;
      // A consumer name keeps a hash of its durable name: rebuilt from the filter, it is exact (no prefix guesswork between ids like a and a_b).
      const base = `${agentId}.${this.subjects.strip(filter)}`;
      const durable = [base, ...Array.from({ length: 7 }, (_, i) => `${base}#${i + 2}`)].find((d) => this.subscriptions.consumerName(d) === c.name);
      if (durable) found.push(durable);
    }
    return found.sort();
  }

  async streamInfo(): Promise<{ name: string; messages: number }> {
    return { name: this.streamName, messages: await streamMessageCount(this.nc, this.streamName) };
  }

  /**
   * Resolve true once every durable subscription has read and acknowledged all the stream holds for
   * it, seen twice `quietMs` apart (what it handled may publish more); false after `timeoutMs`.
   */
  async caughtUp(timeoutMs = 10_000, quietMs = 300): Promise<boolean> {
    const jsm = await jetstreamManager(this.nc, { checkAPI: false });
    const behind = await quietTwice(async () => {
      await this.idle();
      return this.subscriptions.durablesBehind(jsm).catch((err: unknown) => [`(consumer info failed: ${(err as Error).message})`]);
    }, { timeoutMs, quietMs, stopped: () => this.closed });
    if (behind.length === 0) return true;
    // Which consumers, and what they hold (pending/awaiting ack): the difference between a slow handler, a lost ack and a dead consumer.
    if (!this.closed) this.settings.warn(`durable subscriptions not caught up after ${timeoutMs} ms: ${behind.slice(0, 8).join(", ")}${behind.length > 8 ? ` and ${behind.length - 8} more` : ""}`);
    return false;
  }

  /**
   * Resolve true once no durable consumer on the floor's stream, this process's or any other's,
   * holds a message unread or unacknowledged, seen twice `quietMs` apart; false after `timeoutMs`
   * (a consumer left behind by an earlier run never drains: the caller goes on, warned).
   */
  async streamQuiet(timeoutMs = 10_000, quietMs = 300): Promise<boolean> {
    const jsm = await jetstreamManager(this.nc, { checkAPI: false });
    const busy = await quietTwice(async () => {
      const held: string[] = [];
      try {
        for await (const ci of jsm.consumers.list(this.streamName)) {
          if (ci.config.durable_name && (ci.num_pending > 0 || ci.num_ack_pending > 0)) held.push(`${ci.name} ${ci.num_pending}/${ci.num_ack_pending}`);
        }
      } catch (err) {
        held.push(`(consumer list failed: ${(err as Error).message})`);
      }
      return held;
    }, { timeoutMs, quietMs, stopped: () => this.closed });
    if (busy.length === 0) return true;
    if (!this.closed) this.settings.warn(`the stream's durable consumers were not all drained after ${timeoutMs} ms: ${busy.slice(0, 8).join(", ")}`);
    return false;
  }

  lastStored(subject: string): Promise<string | undefined> {
    return lastOnSubject(this.nc, this.streamName, this.subjects.full(subject));
  }

  /** Stored messages on `subjectFilter` (wildcards allowed, no prefix), oldest first. */
  async streamMessages(subjectFilter: string, opts: { from?: (data: string) => boolean } = {}): Promise<StoredMessage[]> {
    const full = this.subjects.full(subjectFilter);
    let fromSeq: number | undefined;
    if (opts.from) {
      fromSeq = await seekStream(this.nc, this.streamName, full, opts.from);
      if (fromSeq === undefined) return [];
    }
    const msgs = await readStream(this.nc, this.streamName, full, fromSeq);
    return msgs.map((m) => ({ ...m, subject: this.subjects.strip(m.subject) }));
  }

  /** Each refused operation goes to `fn`; the ones from before any listener (up to 100) are replayed to the first. */
  onViolation(fn: (v: BusViolation) => void): () => void {
    this.violationListeners.add(fn);
    for (const v of this.earlyViolations.splice(0)) fn(v);
    return () => void this.violationListeners.delete(fn);
  }

  private violated(v: BusViolation): void {
    this.settings.onViolation(v);
    if (this.violationListeners.size === 0 && this.earlyViolations.length < 100) this.earlyViolations.push(v);
    for (const fn of this.violationListeners) fn(v);
  }

  private assertOpen(): void {
    if (this.closed || this.closing) throw new BusClosedError();
  }

  private shutdown(): void {
    if (this.closed) return;
    this.closed = true;
    this.connection.stop();
    const unacked = this.outbox.stop();
    if (unacked > 0) this.settings.warn(`closed with ${unacked} order/audit publish(es) unacknowledged by JetStream: they are not stored and may not have been delivered`);
    this.ledger.reset();
    this.subscriptions.close();
  }
}
