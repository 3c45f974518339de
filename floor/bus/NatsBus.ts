import { randomUUID } from "node:crypto";
import { jetstream, PubHeaders } from "@nats-io/jetstream";
import {
  headers,
  InvalidArgumentError,
  MsgHdrsImpl,
  type Msg,
  type MsgHdrs,
  type NatsConnection,
  type Subscription as NatsSubscription,
} from "@nats-io/transport-node";
import { BusClosedError, type Bus, type BusMsg, type Handler, type SubscribeOptions, type Subscription } from "./Bus.ts";
import { DeliveryLedger } from "./DeliveryLedger.ts";
import { LossWatch } from "./LossWatch.ts";
import {
  ensureFloorStream,
  mapClosed,
  mapRequestError,
  openNats,
  watchStatus,
  type ConnectionCounters,
  type NatsBusStatus,
} from "./natsConnection.ts";
import { envelopeId, JetStreamOutbox, UnackedPublishesError, type OutboxItem } from "./natsOutbox.ts";
import { isStoredSubject, readStream, streamMessageCount, streamNameFor, type StoredMessage } from "./natsStream.ts";
import { SubjectPrefix } from "./natsSubjects.ts";
import { RepeatFilter } from "./RepeatFilter.ts";
import { SerialQueue } from "./SerialQueue.ts";
import { SubjectIndex } from "./SubjectIndex.ts";

export type { NatsBusStatus } from "./natsConnection.ts";
export { UnackedPublishesError } from "./natsOutbox.ts";
export type { OutboxStats } from "./natsOutbox.ts";

/** Headers that let an instance recognise its own messages (for `idle()`): its id and one number per send. */
const ORIGIN = "Floor-Origin";
const SEQ = "Floor-Seq";
/** On outbox publishes only: the publish number, the same on every retry (for the repeat filter). */
const PUB = "Floor-Pub";

export interface NatsBusOptions {
  /** `nats://host[:port]` */
  url: string;
  /** Subject namespace, e.g. "t8f3a." — added on the way out, stripped on the way in. */
  prefix?: string;
  /** Client name shown in the server's monitoring. */
  name?: string;
  onHandlerError?: (err: unknown, msg: BusMsg) => void;
  /** Own deliveries in transit this long are checked against the server; gone ones count as lost. Default 2000. */
  lostGraceMs?: number;
  /** How long an `order.>`/`audit.>` publish waits for the stream's ack before it is sent again. Default 2000. */
  ackTimeoutMs?: number;
  /** How long drain() waits for what is in flight, unacknowledged publishes included, before it gives up. Default 10000. */
  drainTimeoutMs?: number;
  /** Where outbox trouble is reported (a refused or renamed publish, unacked ones at close). Default console.error. */
  warn?: (message: string) => void;
}

interface NatsSub {
  /** Ledger key: one per plain subscription, one per queue group. */
  readonly key: string;
  readonly full: string;
  readonly queue: string | undefined;
  active: boolean;
  nats?: NatsSubscription;
}

interface Delivery {
  readonly msg: BusMsg;
  /** Published by this instance and counted by the ledger. */
  readonly tracked: boolean;
}

/**
 * The bus over a NATS server. Core publish/subscribe, except on `order.>` and `audit.>`, which a
 * JetStream stream captures: those go out as JetStream publishes through an outbox that keeps
 * each one until the stream acks it, across server outages (see JetStreamOutbox); subscribers
 * still get them as ordinary messages, repeats filtered out. Same handler semantics as LocalBus;
 * `idle()` tracks only this instance's own messages, tagged with an origin header, so other
 * processes don't disturb it, and waits for the outbox.
 */
export class NatsBus implements Bus {
  readonly kind = "nats" as const;
  readonly description: string;
  readonly streamName: string;
  private readonly id = randomUUID();
  private readonly ledger = new DeliveryLedger();
  private readonly subs = new Set<NatsSub>();
  /** The same subscriptions, indexed for the per-publish match in `track`. */
  private readonly index = new SubjectIndex<NatsSub>((s) => s.full);
  private readonly counters: ConnectionCounters = { connected: true, disconnects: 0, reconnects: 0 };
  private readonly loss: LossWatch;
  private readonly outbox: JetStreamOutbox;
  private readonly repeats = new RepeatFilter();
  private readonly onHandlerError: (err: unknown, msg: BusMsg) => void;
  private readonly warn: (message: string) => void;
  private readonly drainTimeoutMs: number;
  private seq = 0;
  private subSeq = 0;
  private busy = 0;
  private busyWaiters: Array<() => void> = [];
  private closed = false;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly subjects: SubjectPrefix,
    url: string,
    opts: NatsBusOptions,
  ) {
    const { prefix } = subjects;
    this.description = prefix ? `${url} prefix=${prefix}` : url;
    this.streamName = streamNameFor(prefix);
    this.onHandlerError = opts.onHandlerError ?? ((err, msg) => console.error(`handler for ${msg.subject} failed:`, err));
    this.warn = opts.warn ?? ((message) => console.error(`NatsBus ${this.description}: ${message}`));
    this.drainTimeoutMs = opts.drainTimeoutMs ?? 10_000;
    this.loss = new LossWatch(this.ledger, () => nc.flush(), () => this.counters.connected, opts.lostGraceMs ?? 2000);
    this.outbox = new JetStreamOutbox(jetstream(nc), {
      ackTimeoutMs: opts.ackTimeoutMs ?? 2000,
      connected: () => this.counters.connected,
      beforeSend: (item, first) => this.beforeSend(item, first),
      settled: () => this.ledger.release(),
      warn: this.warn,
    });
    void watchStatus(nc, this.counters, () => void this.afterReconnect(url));
    void nc.closed().then(() => this.shutdown());
  }

  static async connect(opts: NatsBusOptions): Promise<NatsBus> {
    const subjects = new SubjectPrefix(opts.prefix);
    const nc = await openNats(opts.url, subjects.prefix, opts.name);
    return new NatsBus(nc, subjects, opts.url, opts);
  }

  get status(): Readonly<NatsBusStatus> {
    return { ...this.counters, lost: this.loss.lost, outbox: this.outbox.stats };
  }

  /** Own deliveries written off as never arriving (see LossWatch). */
  get lostCount(): number {
    return this.loss.lost;
  }

  publish(subject: string, data: string): void {
    this.assertOpen();
    const full = this.subjects.full(subject);
    if (isStoredSubject(subject)) return this.store(full, data);
    const { hdrs, seq } = this.stamp();
    try {
      this.nc.publish(full, data, { headers: hdrs });
    } catch (err) {
      throw mapClosed(err);
    }
    this.track(seq, full);
  }

  subscribe(subject: string, handler: Handler, opts: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    const key = opts.queue === undefined ? `s:${++this.subSeq}` : `q:${opts.queue}`;
    const sub: NatsSub = { key, full: this.subjects.full(subject), queue: opts.queue, active: true };
    const queue = new SerialQueue<Delivery>(
      (d) => (sub.active ? handler(d.msg) : undefined),
      (err, d) => this.onHandlerError(err, d.msg),
      (d) => this.settle(d),
    );
    try {
      sub.nats = this.nc.subscribe(sub.full, {
        queue: opts.queue,
        callback: (err, m) => {
          if (err) console.error(`subscription ${subject} failed:`, err);
          else if (sub.active) this.receive(sub, queue, m);
        },
      });
    } catch (err) {
      throw mapClosed(err);
    }
    this.subs.add(sub);
    this.index.add(sub);
    return { subject, unsubscribe: () => this.unsubscribe(sub) };
  }

  async request(subject: string, data: string, opts: { timeoutMs?: number } = {}): Promise<BusMsg> {
    this.assertOpen();
    const timeoutMs = opts.timeoutMs ?? 5000;
    const full = this.subjects.full(subject);
    const { hdrs, seq } = this.stamp();
    const reply = this.nc.request(full, data, { timeout: timeoutMs, headers: hdrs });
    this.track(seq, full);
    try {
      return this.toBusMsg(await reply);
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
    await Promise.race([this.ledger.idle(), new Promise<void>((r) => (timer = setTimeout(r, this.drainTimeoutMs)))]);
    clearTimeout(timer);
    this.closing ??= (async () => {
      const unacked = this.outbox.pending;
      if (unacked > 0) {
        await this.close(); // logs them
        throw new UnackedPublishesError(unacked, `NatsBus ${this.description}`, this.drainTimeoutMs);
      }
      await this.nc.drain().catch(() => undefined);
      if (this.busy > 0) await new Promise<void>((resolve) => this.busyWaiters.push(resolve));
      this.shutdown();
    })();
    return this.closing;
  }

  async close(): Promise<void> {
    this.shutdown();
    if (!this.nc.isClosed()) await this.nc.close().catch(() => undefined);
  }

  async streamInfo(): Promise<{ name: string; messages: number }> {
    return { name: this.streamName, messages: await streamMessageCount(this.nc, this.streamName) };
  }

  /** Stored messages on `subjectFilter` (wildcards allowed, no prefix), oldest first. */
  async streamMessages(subjectFilter: string): Promise<StoredMessage[]> {
    const msgs = await readStream(this.nc, this.streamName, this.subjects.full(subjectFilter));
    return msgs.map((m) => ({ ...m, subject: this.subjects.strip(m.subject) }));
  }

  private receive(sub: NatsSub, queue: SerialQueue<Delivery>, m: Msg): void {
    const h = m.headers;
    const own = h?.get(ORIGIN) === this.id;
    const pub = h?.get(PUB);
    if (pub && this.repeats.repeat(sub.key, h!.get(ORIGIN), m.subject, Number(pub))) {
      if (own) this.ledger.forget([[Number(h!.get(SEQ)), sub.key]]);
      return;
    }
    const tracked = own && this.ledger.arrive(Number(h!.get(SEQ)), sub.key);
    this.busy++;
    // An outbox publish's reply subject is the stream's ack inbox, not a request's.
    queue.push({ msg: this.toBusMsg(m, !pub), tracked });
  }

  /** An `order.>`/`audit.>` publish: into the outbox, which idle() waits for until the stream acks it. */
  private store(full: string, data: string): void {
    const { hdrs, seq } = this.stamp();
    hdrs.set(PUB, String(seq));
    const uniqueID = `${this.id}.${seq}`;
    const msgID = envelopeId(data) ?? uniqueID;
    hdrs.set(PubHeaders.MsgIdHdr, msgID);
    const max = this.nc.info?.max_payload;
    const size = Buffer.byteLength(data) + (hdrs instanceof MsgHdrsImpl ? hdrs.encode().length : 0);
    // Too large for the server: throw now, as a core publish does, rather than never getting an ack.
    if (max !== undefined && size > max) throw InvalidArgumentError.format("payload", "max_payload size exceeded");
    this.ledger.hold();
    this.outbox.push({ full, data, hdrs, msgID, uniqueID });
  }

  /** Each send of an outbox publish is tracked like a core publish; a retry gets a new seq and supersedes the last one's deliveries. */
  private beforeSend(item: OutboxItem, first: boolean): void {
    let seq = Number(item.hdrs.get(SEQ));
    if (!first) {
      this.ledger.supersede(seq);
      seq = ++this.seq;
      item.hdrs.set(SEQ, String(seq));
    }
    this.track(seq, item.full);
  }

  /**
   * Send the outbox again, then write off own deliveries the restart dropped — in that order, at
   * once: the resent messages must go out before the loss check's round trip, or their deliveries
   * could be written off. Then re-create the stream if the server lost it (sends that got no ack
   * meanwhile are retried).
   */
  private async afterReconnect(url: string): Promise<void> {
    this.outbox.resend();
    void this.loss.check();
    await ensureFloorStream(this.nc, this.subjects.prefix, url).catch((err: unknown) => {
      if (!this.closed) this.warn(`could not check the JetStream stream after reconnecting: ${(err as Error).message}`);
    });
  }

  private settle(d: Delivery): void {
    if (d.tracked) this.ledger.done();
    if (--this.busy === 0) this.releaseBusy();
  }

  private unsubscribe(sub: NatsSub): void {
    if (!sub.active) return;
    sub.active = false;
    this.subs.delete(sub);
    this.index.remove(sub);
    try {
      sub.nats?.unsubscribe();
    } catch {
      // connection already closed
    }
    if (this.closed) return;
    // A plain subscription's in-flight messages are now dropped by the client; a queue member's
    // may have gone to a sibling, which a round trip settles.
    const shared = sub.queue !== undefined && [...this.subs].some((s) => s.key === sub.key);
    if (shared) void this.ledger.reconcile(() => this.nc.flush(), sub.key);
    else this.ledger.forget(this.ledger.snapshot(sub.key));
  }

  private stamp(): { hdrs: MsgHdrs; seq: number } {
    const seq = ++this.seq;
    const hdrs = headers();
    hdrs.set(ORIGIN, this.id);
    hdrs.set(SEQ, String(seq));
    return { hdrs, seq };
  }

  /** Record which of this instance's subscriptions (one per queue group) will receive `full`. */
  private track(seq: number, full: string): void {
    const keys = new Set<string>();
    for (const s of this.index.match(full)) keys.add(s.key);
    this.ledger.expect(seq, keys);
  }

  private toBusMsg(m: Msg, withReply = true): BusMsg {
    const reply = withReply ? m.reply : undefined;
    return {
      subject: this.subjects.strip(m.subject),
      data: m.string(),
      reply,
      respond: (answer: string) => {
        if (reply && !this.closed) m.respond(answer);
      },
    };
  }

  private assertOpen(): void {
    if (this.closed || this.closing) throw new BusClosedError();
  }

  private releaseBusy(): void {
    const waiters = this.busyWaiters;
    this.busyWaiters = [];
    for (const w of waiters) w();
  }

  private shutdown(): void {
    if (this.closed) return;
    this.closed = true;
    this.loss.stop();
    const unacked = this.outbox.stop();
    if (unacked > 0) this.warn(`closed with ${unacked} order/audit publish(es) unacknowledged by JetStream: they are not stored and may not have been delivered`);
    for (const s of this.subs) s.active = false;
    this.subs.clear();
    this.index.clear();
    this.ledger.reset();
    this.releaseBusy();
  }
}
