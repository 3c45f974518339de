/**
 * Orders whose post timed out and that the venue did not show. They are not sent again (a request
 * can sit in the venue's queue and be booked late) but looked for again later: found ones report
 * their ack and fills; after enough misses one is given up (the order machine's ABANDON).
 */
import type { LiveEvent } from "./events.ts";
import { step } from "./orderLife.ts";
import { reconcile, type VenueReads } from "./orderOutcome.ts";
import type { TrackedOrders } from "./TrackedOrders.ts";

export class DoubtfulOrders {
  /** intentId -> rechecks so far */
  private readonly checks = new Map<string, number>();

  constructor(
    private readonly orders: TrackedOrders,
    private readonly venue: VenueReads,
  ) {}

  add(intentId: string): void {
    this.checks.set(intentId, 0);
  }

  has(intentId: string): boolean {
    return this.checks.has(intentId);
  }

  /** Found at the venue after all. */
  settle(intentId: string): void {
    this.checks.delete(intentId);
  }

  get size(): number {
    return this.checks.size;
  }

  /** Look for each once more; after `maxChecks` misses an order is given up and reported rejected. Never re-sends. */
  async recheck(maxChecks: number): Promise<LiveEvent[]> {
    const out: LiveEvent[] = [];
    for (const [intentId, checks] of [...this.checks]) {
      const entry = this.orders.get(intentId)!;
      if (await reconcile(this.venue, entry, this.orders.sink(entry, out), false)) {
        this.checks.delete(intentId);
      } else if (checks + 1 >= maxChecks) {
        this.checks.delete(intentId);
        const reason = `not found at the venue after its post timed out (${checks + 1} checks); not re-sent`;
        step(entry, { type: "ABANDON", reason });
        this.orders.emit(entry, { type: "reject", intentId, reason }, out);
      } else this.checks.set(intentId, checks + 1);
    }
    return out;
  }
}
