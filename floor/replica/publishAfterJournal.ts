import type { Bus } from "../bus/Bus.ts";

/**
 * `bus`, with every publish preceded by a flush of the role's journal: a fill's `order.event` is
 * published after the journal rows that booked it, so the stream (one connection, in order)
 * keeps the rows first.
 */
export function publishAfterJournal(bus: Bus, journal: { flush(): void }): Bus {
  const publish = (subject: string, data: string): void => {
    journal.flush();
    bus.publish(subject, data);
  };
  return new Proxy(bus, {
    get: (target, prop) => {
      if (prop === "publish") return publish;
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}
