import type { JsMsg } from "@nats-io/jetstream";
import type { Msg, NatsConnection } from "@nats-io/transport-node";
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

/**
 * A durable subscription's acknowledgements, one after another in delivery order, beside the
 * handling (which goes on to the next message meanwhile): each waits until every stored publish
 * the bus made before it is acknowledged by the stream (so an acked input implies its outputs are
 * stored), records the id as seen, then acknowledges and waits for the server's word, again after
 * a failure until the ack wait would have run out. A bus closed first leaves it unacknowledged.
 */
export class DurableAcks {
  /** The last message acknowledged: a resync goes on after it. */
  lastAcked: JsMsg | undefined;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly name: string,
    private readonly seen: SeenStore,
    private readonly host: DurableAcksHost,
  ) {}

  /** Acknowledge `m` after those queued before it; `id` (its id, handled now or before) is added to `seen` first; `done` runs in any case. */
  queue(m: JsMsg, id: string | undefined, done: () => void): void {
    this.chain = this.chain.then(async () => {
      const inProgress = setInterval(() => m.working(), Math.max(100, this.host.ackWaitMs / 3));
      try {
        if (!(await this.host.flushed()) || this.host.closed()) return;
        if (id !== undefined) this.seen.add(id);
        await this.ack(m);
        this.lastAcked = m;
      } finally {
        clearInterval(inProgress);
        done();
      }
    });
  }

  /** Resolves once every queued acknowledgement went out (or was given up). */
  drained(): Promise<void> {
    return this.chain;
  }

  private async ack(m: JsMsg): Promise<void> {
    const reply = (m as unknown as { msg?: Msg }).msg?.reply; // nats.js keeps the ack subject on the raw message
    if (!reply) return m.ack();
    const deadline = Date.now() + this.host.ackWaitMs;
    const nc = this.host.nc;
    // A closing or draining connection sends nothing more: the message stays unacknowledged, for the next holder.
    for (let attempt = 0; !this.host.closed() && !nc.isClosed() && !nc.isDraining(); attempt++) {
      try {
        await this.host.nc.request(reply, "+ACK", { timeout: 2000 });
        return;
      } catch (err) {
        if (Date.now() > deadline) {
          this.host.warn(`durable ${this.name}: could not acknowledge stream message ${m.seq} (${(err as Error).message}); it will come again and be dropped as seen`);
          return;
        }
        await sleep(Math.min(1000, 50 * 2 ** attempt));
      }
    }
  }
}
