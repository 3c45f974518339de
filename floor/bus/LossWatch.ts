import type { DeliveryLedger } from "./DeliveryLedger.ts";

/**
 * Writes off a bus instance's own deliveries that will never arrive — dropped while the server
 * restarted, or taken by a queue member in another process — so `idle()` cannot hang on them.
 * It runs right after each reconnect and whenever a delivery has been in transit for `graceMs`
 * while connected. The ledger's round trip makes the write-off exact, never a guess.
 */
export class LossWatch {
  lost = 0;
  private running = false;
  private again = false;
  private stopped = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly ledger: DeliveryLedger,
    private readonly roundTrip: () => Promise<void>,
    private readonly connected: () => boolean,
    graceMs: number,
  ) {
    this.timer = setInterval(() => {
      const oldest = this.ledger.oldest;
      if (this.connected() && oldest !== undefined && Date.now() - oldest >= graceMs) void this.check();
    }, Math.max(50, graceMs / 4));
    this.timer.unref();
  }

  async check(): Promise<void> {
    if (this.stopped) return;
    if (this.running) {
      this.again = true; // e.g. a reconnect while a stall check's round trip was failing
      return;
    }
    this.running = true;
    try {
      const n = await this.ledger.reconcile(this.roundTrip);
      if (!this.stopped) this.lost += n;
    } finally {
      this.running = false;
    }
    if (this.again) {
      this.again = false;
      void this.check();
    }
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }
}
