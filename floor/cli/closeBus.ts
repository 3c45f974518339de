import { NatsBus, type Bus } from "../bus/index.ts";
import type { StopBudget } from "../runner/index.ts";

/**
 * Drain the bus (its JetStream outbox's order/audit publishes acknowledged), within what is left of
 * the stop's budget once a signal began it; then it is closed whatever happened. Returns what could
 * not be flushed, in one line, or undefined when nothing was lost.
 */
export async function closeBus(bus: Bus, budget: StopBudget): Promise<string | undefined> {
  const unacked = () => (bus instanceof NatsBus ? bus.status.outbox.pending : 0);
  const done = budget.stage(() => `draining the bus (${unacked()} order/audit publish(es) unacknowledged by JetStream, bus ${bus.health.state})`);
  let failure: string | undefined;
  try {
    const drained = await budget.bounded(bus.drain().catch((e: unknown) => void (failure = e instanceof Error ? e.message : String(e))));
    if (drained) return failure;
    const left = unacked();
    const what = left > 0 ? `${left} order/audit publish(es) unacknowledged by JetStream, closed without them (not stored, maybe not delivered)` : "closed with its core messages in flight (no order/audit publish unacknowledged)";
    return `the bus did not drain within the stop's time (bus ${bus.health.state}): ${what}`;
  } finally {
    await bus.close();
    done();
  }
}
