import type { Bus } from "./Bus.ts";

/** `bus` with `publish` and/or `subscribe` replaced; every other member is the bus's own, bound to it. */
export function overrideBus(bus: Bus, over: Partial<Pick<Bus, "publish" | "subscribe">>): Bus {
  return new Proxy(bus, {
    get: (target, prop) => {
      if (prop === "publish" && over.publish) return over.publish;
      if (prop === "subscribe" && over.subscribe) return over.subscribe;
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}
