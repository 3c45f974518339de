import type { JsMsg } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import type { SeenStore } from "./SeenIds.ts";

export interface DurableAcksHost {
  readonly nc: NatsConnection;
  readonly ackWaitMs: number;
  /** True once every stored publish made so far is acknowledged by the stream; false when the bus closed first. */
  flushed(): Promise<boolean>;
  closed(): boolean;
  warn(message: string): void;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface Queued {
  readonly m: JsMsg;
  readonly id: string | undefined;
  readonly done: () => void;
}

/**
 * A durable subscription's acknowledgements, in delivery order, beside the handling (which goes on
 * to the next message meanwhile). What is queued goes out together: once every stored publish the
 * bus made before it is acknowledged by the stream (so an acked input implies its outputs are
 * stored), each id is recorded as seen, each message acknowledged, and a round trip makes sure the
 * server has them, again after a failure until the ack wait would have run out. A plain ack, not
 * the double ack: one lost (the server died with it) brings the message again, which the seen
 * store drops, so the ack's reply was a round trip per message for nothing (with its request's
 * timer and inbox, a tenth of a split floor's messages). A bus closed first leaves them unacknowledged.
 */
export class DurableAcks {
  /** The last message acknowledged: a resync goes on after it. */
  lastAcked: JsMsg | undefined;
  private queued: Queued[] = [];
  private pump: Promise<void> = Promise.resolve();
  private pumping = false;

  constructor(
    private readonly name: string,
    private readonly seen: SeenStore,
    private readonly host: DurableAcksHost,
  ) {}

  /** Acknowledge `m` after those queued before it; `id` (its id, handled now or before) is added to `seen` first; `done` runs in any case. */
  queue(m: JsMsg, id: string | undefined, done: () => void): void {
    this.queued.push({ m, id, done });
    if (!this.pumping) {
      this.pumping = true;
      this.pump = this.run().finally(() => (this.pumping = false));
    }
  }

  /** Resolves once every queued acknowledgement went out (or was given up). */
  async drained(): Promise<void> {
    while (this.pumping) await this.pump;
  }

  private async run(): Promise<void> {
    await Promise.resolve(); // what the same turn's handling queues next goes in this batch too
    while (this.queued.length > 0) {
      const batch = this.queued.splice(0);
      const inProgress = setInterval(() => batch.forEach((q) => q.m.working()), Math.max(100, this.host.ackWaitMs / 3));
      try {
        if (!(await this.host.flushed()) || this.host.closed()) continue;
        for (const q of batch) if (q.id !== undefined) this.seen.add(q.id);
        for (const q of batch) q.m.ack();
        await this.confirm(batch[batch.length - 1]!.m);
        this.lastAcked = batch[batch.length - 1]!.m;
      } finally {
        clearInterval(inProgress);
        for (const q of batch) q.done();
      }
    }
  }

  /** The server has every ack sent so far (a round trip on the same connection): tried again until the ack wait would have run out. */
  private async confirm(last: JsMsg): Promise<void> {
    const deadline = Date.now() + this.host.ackWaitMs;
    const nc = this.host.nc;
    // A closing or draining connection sends nothing more: what it did not send stays unacknowledged, for the next holder.
    for (let attempt = 0; !this.host.closed() && !nc.isClosed() && !nc.isDraining(); attempt++) {
      try {
        await nc.flush();
        return;
      } catch (err) {
        if (Date.now() > deadline) {
          this.host.warn(`durable ${this.name}: could not confirm the acknowledgement of stream messages up to ${last.seq} (${(err as Error).message}); any lost will come again and be dropped as seen`);
          return;
        }
        await sleep(Math.min(1000, 50 * 2 ** attempt));
      }
    }
  }
}
