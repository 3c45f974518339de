import { jetstream, PubHeaders } from "@nats-io/jetstream";
import { InvalidArgumentError, MsgHdrsImpl, type Msg, type MsgHdrs, type NatsConnection } from "@nats-io/transport-node";
import type { DeliveryLedger } from "./DeliveryLedger.ts";
import { mapClosed } from "./natsConnection.ts";
import { AFTER, PUB, SEQ, stampHeaders } from "./natsHeaders.ts";
import { envelopeId } from "./envelopeId.ts";
import { JetStreamOutbox, type OutboxItem } from "./natsOutbox.ts";
import { isStoredSubject } from "./storedSubjects.ts";
import type { SubjectPrefix } from "./natsSubjects.ts";

export interface NatsPublisherOptions {
  /** This bus instance's id, stamped on every send so its own subscriptions recognise it. */
  origin: string;
  /** Keys of this instance's core subscriptions (one per queue group) that will receive `full` live. */
  keysFor(full: string): Set<string>;
  /** Keys of this instance's durable subscriptions that will read `full` from the stream. */
  durableKeysFor(full: string): Set<string>;
  /** How long an outbox publish waits for the stream's ack before it is sent again. */
  ackTimeoutMs: number;
  connected(): boolean;
  warn(message: string): void;
  /** The stream's last sequence when the bus connected: what is at or below it was stored before (see OutboxOptions.storedBefore). */
  streamSeq: number;
}

/**
 * NatsBus's sending side. Every send is stamped with the instance's origin and a number of its
 * own, and the ledger learns which of the instance's subscriptions it will reach (for `idle()`).
 * Core publishes and requests go straight out; `order.>`/`audit.>` go through the JetStream outbox.
 */
export class NatsPublisher {
  readonly outbox: JetStreamOutbox;
  private seq = 0;
  private streamSeq: number;
  /** Durable consumers being created: stored publishes wait for them (see `gate`). */
  private gates = 0;

  constructor(
    private readonly nc: NatsConnection,
    private readonly subjects: SubjectPrefix,
    private readonly ledger: DeliveryLedger,
    private readonly o: NatsPublisherOptions,
  ) {
    this.streamSeq = o.streamSeq;
    this.outbox = new JetStreamOutbox(jetstream(nc), {
      ackTimeoutMs: o.ackTimeoutMs,
      connected: () => o.connected() && this.gates === 0,
      beforeSend: (item, first) => this.beforeSend(item, first),
      settled: (item, stored) => {
        if (!stored) ledger.forgetStored(Number(item.hdrs.get(PUB)));
        ledger.release();
      },
      storedBefore: (seq) => seq <= this.streamSeq,
      warn: o.warn,
    });
  }

  /** After a reconnect: a stream that came back shorter lost its store, so everything in it now was stored since. */
  streamChecked(lastSeq: number): void {
    if (lastSeq < this.streamSeq) this.streamSeq = 0;
  }

  /**
   * Hold stored publishes back until the returned function is called: a durable subscription
   * does so while its consumer is created, so that every publish this bus makes after
   * `subscribe` returned reaches the stream after the consumer exists, and is delivered to it.
   */
  gate(): () => void {
    this.gates++;
    let open = false;
    return () => {
      if (open) return;
      open = true;
      if (--this.gates === 0) this.outbox.kick();
    };
  }

  /** Resolves (true) once every stored publish made so far is acknowledged by the stream; false if the bus closed first. */
  flushed(): Promise<boolean> {
    return this.outbox.flushed();
  }

  publish(subject: string, data: string, after?: string, again?: boolean): void {
    const full = this.subjects.full(subject);
    if (isStoredSubject(subject)) return this.store(full, data, after, again === true);
    const { hdrs, seq } = this.stamp();
    if (after) hdrs.set(AFTER, after);
    try {
      this.nc.publish(full, data, { headers: hdrs });
    } catch (err) {
      throw mapClosed(err);
    }
    this.track(seq, full);
  }

  /** Send a request; the reply (or the client's error) is the caller's to map. */
  request(subject: string, data: string, timeoutMs: number): Promise<Msg> {
    const full = this.subjects.full(subject);
    const { hdrs, seq } = this.stamp();
    const reply = this.nc.request(full, data, { timeout: timeoutMs, headers: hdrs });
    this.track(seq, full);
    return reply;
  }

  /** An `order.>`/`audit.>` publish: into the outbox, which idle() waits for until the stream acks it. */
  private store(full: string, data: string, after: string | undefined, again: boolean): void {
    const { hdrs, seq } = this.stamp();
    if (after) hdrs.set(AFTER, after);
    hdrs.set(PUB, String(seq));
    const uniqueID = `${this.o.origin}.${seq}`;
    const msgID = envelopeId(data) ?? uniqueID;
    hdrs.set(PubHeaders.MsgIdHdr, msgID);
    const max = this.nc.info?.max_payload;
    const size = Buffer.byteLength(data) + (hdrs instanceof MsgHdrsImpl ? hdrs.encode().length : 0);
    // Too large for the server: throw now, as a core publish does, rather than never getting an ack.
    if (max !== undefined && size > max) throw InvalidArgumentError.format("payload", "max_payload size exceeded");
    this.ledger.hold();
    this.ledger.expectStored(seq, this.o.durableKeysFor(full));
    this.outbox.push({ full, data, hdrs, msgID, uniqueID, again });
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

  private stamp(): { hdrs: MsgHdrs; seq: number } {
    const seq = ++this.seq;
    return { hdrs: stampHeaders(this.o.origin, seq), seq };
  }

  /** Record which of this instance's core subscriptions (one per queue group) will receive `full`. */
  private track(seq: number, full: string): void {
    this.ledger.expect(seq, this.o.keysFor(full));
  }
}
