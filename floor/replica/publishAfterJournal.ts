import type { Bus, PublishOptions } from "../bus/Bus.ts";
import { overrideBus } from "../bus/overrideBus.ts";

/**
 * `bus`, with every publish preceded by a flush of the role's journal: a fill's `order.event` is
 * published after the journal rows that booked it, so the stream (one connection, in order)
 * keeps the rows first. With `marks`, each publish also carries the journal positions it names
 * (PublishOptions.after, journalMarks.ts), for a receiver reading it on another subscription.
 */
export function publishAfterJournal(bus: Bus, journal: { flush(): void }, marks?: () => string): Bus {
  const publish = (subject: string, data: string, opts?: PublishOptions): void => {
    journal.flush();
    const after = marks?.();
    bus.publish(subject, data, after ? { ...opts, after } : opts);
  };
  return overrideBus(bus, { publish });
}
