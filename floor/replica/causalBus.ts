import type { Bus, Handler, SubscribeOptions } from "../bus/Bus.ts";
import { overrideBus } from "../bus/overrideBus.ts";

/**
 * `bus`, whose subscribers get a message only once this file holds the state rows its sender had
 * (the message's journal mark, `after`): an agent that reads a fill's `order.event` from a durable
 * consumer then finds the fill in the ledger, though the rows came on another subscription.
 * A message that needs nothing waits for nothing and is handled inline, as before.
 */
export function causalBus(bus: Bus, follower: { awaitMarks(after: string | undefined): Promise<void> | undefined }): Bus {
  const subscribe = (subject: string, handler: Handler, opts?: SubscribeOptions) =>
    bus.subscribe(
      subject,
      (m) => {
        const wait = follower.awaitMarks(m.after);
        return wait ? wait.then(() => handler(m)) : handler(m);
      },
      opts,
    );
  return overrideBus(bus, { subscribe });
}
