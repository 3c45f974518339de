import { jetstream, jetstreamManager, PubHeaders, type ConsumerMessages, type JsMsg } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import type { BusMsg, Handler } from "./Bus.ts";
import type { DeliveryLedger } from "./DeliveryLedger.ts";
import { envelopeId } from "./envelopeId.ts";
import { DurableAcks } from "./DurableAcks.ts";
import { durableErrorIsFinal, ensureDurableConsumer } from "./natsDurableConsumer.ts";
import { AFTER, ORIGIN, PUB } from "./natsHeaders.ts";
import type { SeenStore } from "./SeenIds.ts";

/** What a durable subscription needs of its bus. */
export interface DurableHost {
  readonly nc: NatsConnection;
  readonly ledger: DeliveryLedger;
  readonly origin: string;
  readonly stream: string;
  readonly ackWaitMs: number;
  /** True (once) every stored publish made so far is acknowledged; false when the bus closed first. */
  flushed(): Promise<boolean>;
  closed(): boolean;
  strip(full: string): string;
  onHandlerError(err: unknown, msg: BusMsg): void;
  warn(message: string): void;
  /** A handler starts (+1) or ends (-1): drain() waits for them. */
  busy(delta: 1 | -1): void;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The reading loop's pulls. In a cluster a pull waits at the consumer's leader; when that node dies
 * the pull dies with it, unanswered, and the client pulls again only after two missed heartbeats:
 * 2 x 15 s with nats.js's default 30 s pulls, so a durable could stall for half a minute after every
 * failover (and a role stopping meanwhile stopped without what it held). Short pulls with 1 s
 * heartbeats bound that stall to about 2 s, for a heartbeat a second per idle durable.
 */
export const CONSUME = { max_messages: 64, expires: 5000, idle_heartbeat: 1000 } as const;

/**
 * After two missed heartbeats nats.js checks the consumer with an info request before pulling
 * again; in an election that request times out (5 s) and is retried after `expires` (5 s more), so
 * a durable whose consumer leader died read nothing for 12 s or more. Bound, the client pulls again
 * at once, blind; the consumer is checked by us instead (made again from the last ack) once this
 * many heartbeats in a row are missed, or the server says it was deleted.
 */
export const RESYNC_AFTER_MISSED = 10;

/**
 * One `subscribe(…, { durable })` on NATS: a JetStream durable consumer, its messages run through
 * the handler one at a time in stream order, each unless its id (the envelope id, else its
 * `Nats-Msg-Id`) is in `seen` or handled and not yet acknowledged. Acknowledgements follow in the
 * same order beside the handling (DurableAcks): each only once every publish this bus made by then
 * is stored, so an acknowledged input implies its outputs are in the stream. A message whose
 * acknowledgement had not gone out before close comes again after a restart.
 */
export class DurableSubscription {
  active = true;
  private messages: ConsumerMessages | undefined;
  private readonly acks: DurableAcks;
  /** Ids handled whose acknowledgement (and `seen.add`) is still queued: a repeat meanwhile is not handled again. */
  private readonly unacked = new Set<string>();
  /** Set by a reconnect: check the consumer against the last message acknowledged before reading on. */
  private resync = false;

  constructor(
    readonly key: string,
    readonly full: string,
    readonly name: string,
    private readonly handler: Handler,
    private readonly seen: SeenStore,
    private readonly host: DurableHost,
  ) {
    this.acks = new DurableAcks(name, seen, host);
  }

  /** Make or bind the consumer, call `ready` (failure included: publishes must not wait forever), then read until stopped. */
  async run(ready: (ok: boolean) => void): Promise<void> {
    const ok = await this.ensure();
    ready(ok);
    while (ok && this.live()) {
      try {
        if (this.resync) {
          this.resync = false;
          await this.acks.drained(); // so it goes on after every message handled, none handled twice
          if (!(await this.ensure())) break;
        }
        const consumer = await jetstream(this.host.nc).consumers.get(this.host.stream, this.name);
        const messages = (this.messages = await consumer.consume({ ...CONSUME, bind: true }));
        void this.watch(messages);
        if (!this.live()) break;
        for await (const m of this.messages) {
          await this.deliver(m);
          if (!this.live()) break;
        }
        if (!this.live()) break;
      } catch (err) {
        if (!this.live()) break;
        this.host.warn(`durable ${this.name}: reading failed, trying again: ${(err as Error).message}`);
        this.resync = true; // a consumer gone (a node that lost it, a failover mid-rewind) is made again from the last message acknowledged
        await sleep(500);
      }
    }
    this.stop();
  }

  stop(): void {
    this.active = false;
    void this.messages?.close().catch(() => undefined);
  }

  /**
   * After a reconnect: a server killed and started again may have come back with older consumer
   * state than our acks (it writes that behind), holding a message we handled until its ack wait
   * runs out. So the consumer is checked again against the last message handled (ensureDurableConsumer).
   */
  reconnected(): void {
    if (!this.acks.lastAcked || !this.live()) return;
    this.resync = true;
    void this.messages?.close().catch(() => undefined); // the reading loop ends after the message in hand, then resyncs
  }

  /** A consumer silent for RESYNC_AFTER_MISSED heartbeats, or deleted, is checked and made again (bound pulls never check it). */
  private async watch(messages: ConsumerMessages): Promise<void> {
    for await (const s of messages.status()) {
      const lost = (s.type === "heartbeats_missed" && s.count >= RESYNC_AFTER_MISSED) || s.type === "consumer_deleted";
      if (lost && this.live() && this.messages === messages) {
        this.host.warn(`durable ${this.name}: ${s.type === "consumer_deleted" ? "its consumer was deleted" : `no heartbeat for ${s.count} s`}; checking it and reading on from the last ack`);
        this.resync = true;
        void messages.close().catch(() => undefined); // the reading loop ends after the message in hand, then resyncs
        return;
      }
    }
  }

  private live(): boolean {
    return this.active && !this.host.closed();
  }

  /** Create or bind the consumer, trying again (the server may be restarting) until done, refused for good, or closed. */
  private async ensure(): Promise<boolean> {
    for (let attempt = 0; this.live(); attempt++) {
      try {
        const jsm = await jetstreamManager(this.host.nc, { checkAPI: false });
        await ensureDurableConsumer(jsm, this.host.stream, this.name, this.full, this.host.ackWaitMs, this.acks.lastAcked?.seq);
        return true;
      } catch (err) {
        if (durableErrorIsFinal(err) || !this.live()) {
          if (this.live()) this.host.warn(`durable ${this.name} on ${this.host.strip(this.full)} could not be created: ${(err as Error).message}`);
          return false;
        }
        await sleep(Math.min(2000, 50 * 2 ** attempt));
      }
    }
    return false;
  }

  /** Resolves once every acknowledgement queued so far went out (or was given up). */
  acknowledged(): Promise<void> {
    return this.acks.drained();
  }

  /** One message: handled (unless seen), its acknowledgement queued behind the earlier ones. The reading loop's step (public for the unit test). */
  async deliver(m: JsMsg): Promise<void> {
    const h = m.headers;
    const tracked = h?.get(ORIGIN) === this.host.origin && this.host.ledger.arriveStored(Number(h.get(PUB)), this.key);
    this.host.busy(1);
    // idle() and drain() wait for the acknowledgement, not only the handler.
    const done = () => {
      if (tracked) this.host.ledger.done();
      this.host.busy(-1);
    };
    if (!this.active) return done(); // unsubscribed: left unacknowledged, for the next holder
    const data = m.string();
    // The envelope id: a publish the stream stored again under another msgID (a collision it renamed) is still the same message.
    const id = envelopeId(data) ?? (h?.get(PubHeaders.MsgIdHdr) || `seq.${m.seq}`);
    // Added again once acknowledged: a store that keeps a handling's outputs until then lets them go (SeenEnvelopes).
    if (this.seen.has(id) || this.unacked.has(id)) return this.acks.queue(m, id, done);
    const after = h?.get(AFTER);
    const msg: BusMsg = { subject: this.host.strip(m.subject), data, respond: () => undefined, ...(after ? { after } : {}) };
    // Tell the server the message is still in hand, so a slow handler is not redelivered meanwhile.
    const inProgress = setInterval(() => m.working(), Math.max(100, this.host.ackWaitMs / 3));
    try {
      await this.handler(msg);
    } catch (err) {
      this.host.onHandlerError(err, msg);
    } finally {
      clearInterval(inProgress);
    }
    this.unacked.add(id);
    this.acks.queue(m, id, () => {
      this.unacked.delete(id);
      done();
    });
  }
}
