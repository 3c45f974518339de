import { JetStreamApiError, type JetStreamClient, type PubAck } from "@nats-io/jetstream";
import { InvalidArgumentError, InvalidSubjectError, PermissionViolationError, type MsgHdrs } from "@nats-io/transport-node";

/** Wait before sending a publish again after a failed or missing ack: doubling from the first to the cap. */
const RETRY_FIRST_MS = 50;
const RETRY_CAP_MS = 2000;

/** Order/audit publishes still unacknowledged when drain() gave up waiting (they are not stored, maybe not delivered). */
export class UnackedPublishesError extends Error {
  readonly code = "UNACKED" as const;
  constructor(
    readonly unacked: number,
    where: string,
    waitedMs: number,
  ) {
    super(`${where}: ${unacked} order/audit publish(es) still unacknowledged by JetStream after ${waitedMs} ms; closed without them`);
  }
}

export interface OutboxStats {
  /** Publishes not yet acknowledged by the stream: queued, in flight, or waiting to be sent again. */
  pending: number;
  /** Sends after the first one (after a reconnect, a missing ack or a refused one). */
  retried: number;
  /** Publishes the stream acknowledged. */
  acked: number;
  /** Publishes the server refused for good (each one logged). */
  failed: number;
  /** Publishes whose msgID the stream already held from another message, stored again under `uniqueID`. */
  renamed: number;
}

export interface OutboxItem {
  /** Full subject (prefix included). */
  readonly full: string;
  readonly data: string;
  /** Sent with every attempt; `beforeSend` may change them. */
  readonly hdrs: MsgHdrs;
  /** For the stream's de-duplication: the envelope id, else `uniqueID`. */
  msgID: string;
  /** Unique to this publish (bus instance and publish number). */
  readonly uniqueID: string;
  /** Sent again after a crash (PublishOptions.again): a duplicate msgID is this message, already stored. */
  readonly again?: boolean;
}

export interface OutboxOptions {
  /** How long to wait for the stream's ack before sending again. */
  ackTimeoutMs: number;
  /** May send now: connected, and no durable consumer of this bus is still being created. */
  connected(): boolean;
  /** Runs before every send; `first` is false for a retry. */
  beforeSend(item: OutboxItem, first: boolean): void;
  /** Runs once per item when it leaves the outbox: `stored` when acknowledged, false when refused for good. */
  settled(item: OutboxItem, stored: boolean): void;
  /** True when the stream stored sequence `seq` before this bus connected (e.g. a previous floor's message). */
  storedBefore(seq: number): boolean;
  warn(message: string): void;
}

interface Entry extends OutboxItem {
  /** Push number: `flushed()` waits for every entry up to one. */
  readonly no: number;
  attempts: number;
  done: boolean;
  /** Sent and neither acknowledged nor failed yet. */
  sending: boolean;
  timer?: NodeJS.Timeout;
}

/**
 * JetStream publishes on the stored subjects, each kept until the stream acknowledges it. The
 * core client drops what is published while it is disconnected; this outbox sends it again
 * once the connection is back, and after a lost or refused ack (capped backoff). One queue per
 * subject with one publish in flight, so a subject's messages reach the stream and every
 * subscriber in publish order; a repeat is absorbed by the stream's duplicate window (msgID)
 * and, at subscribers, by the bus's repeat filter.
 */
export class JetStreamOutbox {
  private readonly queues = new Map<string, Entry[]>();
  private count = 0;
  private retried = 0;
  private acked = 0;
  private failed = 0;
  private renamed = 0;
  private collisions = 0;
  private stopped = false;
  private pushed = 0;
  /** Push numbers not yet settled, in push order (a Set iterates in insertion order: the first is the lowest). */
  private unsettled = new Set<number>();
  private flushWaiters: Array<{ upTo: number; resolve: (flushed: boolean) => void }> = [];

  constructor(
    private readonly js: JetStreamClient,
    private readonly o: OutboxOptions,
  ) {}

  get pending(): number {
    return this.count;
  }

  get stats(): OutboxStats {
    return { pending: this.count, retried: this.retried, acked: this.acked, failed: this.failed, renamed: this.renamed };
  }

  push(item: OutboxItem): void {
    if (this.stopped) return;
    const e: Entry = { ...item, no: ++this.pushed, attempts: 0, done: false, sending: false };
    this.unsettled.add(e.no);
    const q = this.queues.get(e.full);
    this.count++;
    if (q) q.push(e);
    else {
      this.queues.set(e.full, [e]);
      this.send(e);
    }
  }

  /**
   * Send every subject's head again now (after a reconnect): what was in flight on the old
   * connection is either stored already or lost, and what waited for the connection can go.
   */
  resend(): void {
    for (const q of this.queues.values()) this.send(q[0]!);
  }

  /**
   * Resolves once every publish pushed before this call has left the outbox (stored, or refused
   * for good). A durable subscription acks its input only after this, so an acked input implies
   * its outputs are stored. False when the outbox stopped first (then they may not be).
   */
  flushed(): Promise<boolean> {
    const upTo = this.pushed;
    if (this.stopped) return Promise.resolve(false);
    if (this.lowestUnsettled() > upTo) return Promise.resolve(true);
    return new Promise((resolve) => this.flushWaiters.push({ upTo, resolve }));
  }

  /** Send the heads that wait for nothing but permission to go (`connected()` turned true without a reconnect). */
  kick(): void {
    for (const q of this.queues.values()) {
      const e = q[0]!;
      if (!e.sending && !e.timer) this.send(e);
    }
  }

  /** Stop sending; returns how many publishes were still unacknowledged. */
  stop(): number {
    this.stopped = true;
    const left = this.count;
    for (const q of this.queues.values()) for (const e of q) clearTimeout(e.timer);
    this.queues.clear();
    this.count = 0;
    for (const w of this.flushWaiters.splice(0)) w.resolve(false);
    return left;
  }

  private send(e: Entry): void {
    clearTimeout(e.timer);
    e.timer = undefined;
    if (this.stopped || e.done || !this.o.connected()) return; // resend() picks it up after the reconnect
    const n = ++e.attempts;
    if (n > 1) this.retried++;
    e.sending = true;
    this.o.beforeSend(e, n === 1);
    this.js.publish(e.full, e.data, { msgID: e.msgID, headers: e.hdrs, timeout: this.o.ackTimeoutMs }).then(
      (ack) => this.onAck(e, n, ack),
      (err: unknown) => this.onError(e, n, err),
    );
  }

  private onAck(e: Entry, n: number, ack: PubAck): void {
    if (n === e.attempts) e.sending = false;
    if (this.stopped || e.done) return;
    if (ack.duplicate && n === 1 && e.attempts === 1 && e.msgID !== e.uniqueID && !e.again) {
      // Our first send, yet the stream already holds this msgID from another message. Envelope ids
      // restart at <agent>.1.1 with every new database, so a message stored before this bus
      // connected (an earlier floor's, within the duplicate window) is expected and not worth a
      // word; one stored since is another floor publishing on this stream now, or this floor
      // sending two messages under one id. Either way store this one under an id nobody else has;
      // subscribers drop the repeat.
      this.renamed++;
      if (!this.o.storedBefore(ack.seq) && this.collisions++ === 0) {
        this.o.warn(
          `JetStream stream ${ack.stream} already holds msgID ${e.msgID} (seq ${ack.seq}) from another message stored since this bus connected (another floor on this stream, or one envelope id sent twice?); ` +
            `storing ${e.full} as ${e.uniqueID}. Further ones are only counted (status.outbox.renamed)`,
        );
      }
      e.msgID = e.uniqueID;
      this.send(e);
      return;
    }
    this.acked++;
    this.finish(e, true);
  }

  private onError(e: Entry, n: number, err: unknown): void {
    if (n === e.attempts) e.sending = false;
    if (this.stopped || e.done || n !== e.attempts) return; // a later send is under way
    if (refusedForGood(err)) {
      this.failed++;
      this.o.warn(`JetStream refused ${e.full} (msgID ${e.msgID}) for good; it is not stored: ${(err as Error).message}`);
      this.finish(e, false);
      return;
    }
    e.timer = setTimeout(() => this.send(e), Math.min(RETRY_CAP_MS, RETRY_FIRST_MS * 2 ** (n - 1)));
  }

  private finish(e: Entry, stored: boolean): void {
    e.done = true;
    const q = this.queues.get(e.full)!;
    q.shift();
    this.count--;
    this.unsettled.delete(e.no);
    this.o.settled(e, stored);
    this.wakeFlushed();
    if (q.length === 0) this.queues.delete(e.full);
    else this.send(q[0]!);
  }

  private lowestUnsettled(): number {
    for (const no of this.unsettled) return no;
    return Infinity;
  }

  private wakeFlushed(): void {
    if (this.flushWaiters.length === 0) return;
    const low = this.lowestUnsettled();
    const ready = this.flushWaiters.filter((w) => w.upTo < low);
    if (ready.length === 0) return;
    this.flushWaiters = this.flushWaiters.filter((w) => w.upTo >= low);
    for (const w of ready) w.resolve(true);
  }
}

/** Errors a retry cannot fix: a bad subject or size, a subject the server does not let us publish, or a stream's 4xx answer. Timeouts, no responders and 5xx are retried. */
function refusedForGood(err: unknown): boolean {
  if (err instanceof InvalidArgumentError || err instanceof InvalidSubjectError) return true;
  if (err instanceof PermissionViolationError || (err as Error | undefined)?.cause instanceof PermissionViolationError) return true;
  return err instanceof JetStreamApiError && err.status >= 400 && err.status < 500;
}
