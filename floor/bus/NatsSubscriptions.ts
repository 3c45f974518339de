import type { Msg, NatsConnection, Subscription as NatsSubscription } from "@nats-io/transport-node";
import type { BusMsg, Handler, SubscribeOptions, Subscription } from "./Bus.ts";
import type { DeliveryLedger } from "./DeliveryLedger.ts";
import { durableConsumerName } from "./durableName.ts";
import { DurableSubscription } from "./NatsDurable.ts";
import { mapClosed } from "./natsConnection.ts";
import { AFTER, ORIGIN, PUB, SEQ } from "./natsHeaders.ts";
import type { SubjectPrefix } from "./natsSubjects.ts";
import { RepeatFilter } from "./RepeatFilter.ts";
import { SeenIds } from "./SeenIds.ts";
import { assertDurable } from "./storedSubjects.ts";
import { SerialQueue } from "./SerialQueue.ts";
import { SubjectIndex } from "./SubjectIndex.ts";

export interface NatsSubscriptionsOptions {
  /** This bus instance's id: messages stamped with it are its own, counted by the ledger. */
  origin: string;
  onHandlerError(err: unknown, msg: BusMsg): void;
  /** True once the bus is closed: replies are no longer sent, the ledger no longer kept. */
  closed(): boolean;
  /** The floor's stream, where durable consumers live. */
  stream: string;
  /** A durable consumer's ack wait: a message in hand longer without word from us is sent again. */
  ackWaitMs: number;
  /** Hold this bus's stored publishes back until the returned function is called (see NatsPublisher.gate). */
  gate(): () => void;
  /** True once every stored publish made so far is acknowledged; false when the bus closed first. */
  flushed(): Promise<boolean>;
  warn(message: string): void;
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
 * NatsBus's receiving side: one NATS subscription per `subscribe`, its messages run through
 * the handler one at a time (errors go to `onHandlerError`), repeats of outbox publishes dropped,
 * and arrivals of the instance's own messages reported to the ledger.
 */
export class NatsSubscriptions {
  private readonly subs = new Set<NatsSub>();
  /** The same subscriptions, indexed for the per-publish match in `keysFor`. */
  private readonly index = new SubjectIndex<NatsSub>((s) => s.full);
  private readonly repeats = new RepeatFilter();
  /** Durable subscriptions, by pattern (for `durableKeysFor`); the same by consumer name in `durableByName`. */
  private readonly durables = new SubjectIndex<DurableSubscription>((d) => d.full);
  private readonly durableByName = new Map<string, DurableSubscription>();
  private subSeq = 0;
  private busy = 0;
  private busyWaiters: Array<() => void> = [];

  constructor(
    private readonly nc: NatsConnection,
    private readonly subjects: SubjectPrefix,
    private readonly ledger: DeliveryLedger,
    private readonly o: NatsSubscriptionsOptions,
  ) {}

  subscribe(subject: string, handler: Handler, opts: SubscribeOptions): Subscription {
    assertDurable(subject, opts);
    if (opts.durable !== undefined) return this.subscribeDurable(subject, opts.durable, handler, opts);
    const key = opts.queue === undefined ? `s:${++this.subSeq}` : `q:${opts.queue}`;
    const sub: NatsSub = { key, full: this.subjects.full(subject), queue: opts.queue, active: true };
    const queue = new SerialQueue<Delivery>(
      (d) => (sub.active ? handler(d.msg) : undefined),
      (err, d) => this.o.onHandlerError(err, d.msg),
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

  /** Keys of the core subscriptions (one per queue group) that will receive `full`. */
  keysFor(full: string): Set<string> {
    const keys = new Set<string>();
    for (const s of this.index.match(full)) keys.add(s.key);
    return keys;
  }

  /** Keys of the durable subscriptions that will read `full` from the stream. */
  durableKeysFor(full: string): Set<string> {
    const keys = new Set<string>();
    if (this.durables.size > 0) for (const d of this.durables.match(full)) keys.add(d.key);
    return keys;
  }

  /** The connection is back: durables re-acknowledge what the server may have lost (DurableSubscription.reconnected). */
  reconnected(): void {
    for (const d of this.durableByName.values()) d.reconnected();
  }

  /** Resolves once every durable's queued acknowledgements went out (drain waits for them before closing the connection). */
  async durablesAcknowledged(): Promise<void> {
    await Promise.all([...this.durableByName.values()].map((d) => d.acknowledged()));
  }

  /** The durables whose consumer still has something to deliver or awaits our ack (after our acks went out), each as `name pending/ack-pending`: none when caught up. */
  async durablesBehind(jsm: { consumers: { info(stream: string, name: string): Promise<{ num_pending: number; num_ack_pending: number }> } }): Promise<string[]> {
    await this.durablesAcknowledged();
    const behind: string[] = [];
    for (const d of this.durableByName.values()) {
      const ci = await jsm.consumers.info(this.o.stream, d.name).catch((err: unknown) => ({ error: (err as Error).message }));
      if ("error" in ci) behind.push(`${d.name} (${ci.error})`);
      else if (ci.num_pending > 0 || ci.num_ack_pending > 0) behind.push(`${d.name} ${ci.num_pending}/${ci.num_ack_pending}`);
    }
    return behind;
  }

  /** The JetStream consumer name of durable `durable` on this bus's stream. */
  consumerName(durable: string): string {
    return durableConsumerName(this.o.stream, durable);
  }

  toBusMsg(m: Msg, withReply = true): BusMsg {
    const reply = withReply ? m.reply : undefined;
    const after = m.headers?.get(AFTER);
    return {
      subject: this.subjects.strip(m.subject),
      data: m.string(),
      reply,
      ...(after ? { after } : {}),
      respond: (answer: string) => {
        if (reply && !this.o.closed()) m.respond(answer);
      },
    };
  }

  /** Resolves once no handler is running; undefined when none is. */
  handlersDone(): Promise<void> | undefined {
    if (this.busy === 0) return undefined;
    return new Promise<void>((resolve) => this.busyWaiters.push(resolve));
  }

  /** Deactivate every subscription and release `handlersDone` waiters (the bus is closing). */
  close(): void {
    for (const d of this.durableByName.values()) d.stop();
    this.durableByName.clear();
    this.durables.clear();
    for (const s of this.subs) s.active = false;
    this.subs.clear();
    this.index.clear();
    this.releaseBusy();
  }

  /**
   * A durable subscription instead of a core one (never both: no message twice). Its consumer is
   * made in the background; meanwhile this bus's stored publishes wait (the gate), so none made
   * after this returns is stored before the consumer exists, and `idle()` waits for it.
   */
  private subscribeDurable(subject: string, durable: string, handler: Handler, opts: SubscribeOptions): Subscription {
    const name = this.consumerName(durable);
    if (this.durableByName.has(name)) throw new Error(`durable ${durable} is already subscribed on this bus`);
    const host = {
      ...this.o,
      nc: this.nc,
      ledger: this.ledger,
      strip: (full: string) => this.subjects.strip(full),
      busy: (delta: 1 | -1) => {
        this.busy += delta;
        if (this.busy === 0) this.releaseBusy();
      },
    };
    const d = new DurableSubscription(`d:${name}`, this.subjects.full(subject), name, handler, opts.seen ?? new SeenIds(), host);
    this.durableByName.set(name, d);
    this.durables.add(d);
    const open = this.o.gate();
    // idle() waits for the consumer too: after it, what anyone publishes reaches this subscription.
    this.ledger.hold();
    void d.run((ok) => {
      open();
      if (!ok) this.dropDurable(d);
      this.ledger.release();
    });
    return { subject, unsubscribe: () => this.dropDurable(d) };
  }

  private dropDurable(d: DurableSubscription): void {
    if (this.durableByName.get(d.name) !== d) return;
    this.durableByName.delete(d.name);
    this.durables.remove(d);
    d.stop();
    this.ledger.forgetStored(undefined, d.key);
  }

  private receive(sub: NatsSub, queue: SerialQueue<Delivery>, m: Msg): void {
    const h = m.headers;
    const own = h?.get(ORIGIN) === this.o.origin;
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
    if (this.o.closed()) return;
    // A plain subscription's in-flight messages are now dropped by the client; a queue member's
    // may have gone to a sibling, which a round trip settles.
    const shared = sub.queue !== undefined && [...this.subs].some((s) => s.key === sub.key);
    if (shared) void this.ledger.reconcile(() => this.nc.flush(), sub.key);
    else this.ledger.forget(this.ledger.snapshot(sub.key));
  }

  private releaseBusy(): void {
    const waiters = this.busyWaiters;
    this.busyWaiters = [];
    for (const w of waiters) w();
  }
}
