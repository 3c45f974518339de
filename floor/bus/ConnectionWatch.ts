import type { NatsConnection } from "@nats-io/transport-node";
import type { DeliveryLedger } from "./DeliveryLedger.ts";
import { LossWatch } from "./LossWatch.ts";
import { retryJetStream } from "./jetStreamRetry.ts";
import { ensureFloorStream, watchStatus, type BusViolation, type ConnectionCounters } from "./natsConnection.ts";
import type { SubjectPrefix } from "./natsSubjects.ts";

export interface ConnectionWatchOptions {
  url: string;
  /** The stream's replicas (re-checked after each reconnect). */
  replicas: number;
  /** Own deliveries in transit this long are checked against the server (see LossWatch). */
  lostGraceMs: number;
  /** Send the outbox's unacknowledged publishes again (and let durables re-acknowledge). */
  resend(): void;
  /** True once the bus is closed (a failure after that is not worth a warning). */
  closed(): boolean;
  warn(message: string): void;
  /** The stream's last sequence after a reconnect's check (lower than before: the server lost its store). */
  streamChecked(lastSeq: number): void;
  /** The server refused an operation for lack of permission. */
  onViolation(v: BusViolation): void;
}

/**
 * Follows NatsBus's connection: counts disconnects and reconnects from the client's status
 * events, writes off own deliveries that will never arrive (LossWatch), and recovers after
 * each reconnect.
 */
export class ConnectionWatch {
  readonly counters: ConnectionCounters = { connected: true, since: Date.now(), disconnects: 0, reconnects: 0, violations: 0 };
  private readonly loss: LossWatch;

  constructor(
    private readonly nc: NatsConnection,
    private readonly subjects: SubjectPrefix,
    ledger: DeliveryLedger,
    private readonly o: ConnectionWatchOptions,
  ) {
    this.loss = new LossWatch(ledger, () => nc.flush(), () => this.counters.connected, o.lostGraceMs);
    const violation = (e: { operation: BusViolation["operation"]; subject: string }) => {
      o.onViolation({ operation: e.operation, subject: subjects.strip(e.subject) });
      // A refused publish reaches none of our own subscribers: write those deliveries off now (the
      // round trip keeps it exact) rather than after lostGraceMs, which held a sim's every step.
      if (e.operation === "publish") void this.loss.check();
    };
    void watchStatus(nc, this.counters, () => void this.afterReconnect(), violation);
  }

  get connected(): boolean {
    return this.counters.connected;
  }

  /** Own deliveries written off as never arriving. */
  get lost(): number {
    return this.loss.lost;
  }

  stop(): void {
    this.loss.stop();
  }

  /**
   * Send the outbox again, then write off own deliveries the restart dropped — in that order, at
   * once: the resent messages must go out before the loss check's round trip, or their deliveries
   * could be written off. Then re-create the stream if the server lost it (sends that got no ack
   * meanwhile are retried).
   */
  private async afterReconnect(): Promise<void> {
    this.o.resend();
    void this.loss.check();
    // A cluster elects the stream's leader again after a node's death: JetStream times out meanwhile.
    const check = () => ensureFloorStream(this.nc, this.subjects.prefix, this.o.url, this.o.replicas);
    await retryJetStream("checking the JetStream stream after reconnecting", check, { budgetMs: 30_000, clustered: true, stopped: this.o.closed }).then((seq) => this.o.streamChecked(seq), (err: unknown) => {
      if (!this.o.closed()) this.o.warn(`could not check the JetStream stream after reconnecting: ${(err as Error).message}`);
    });
  }
}
