import type { Bus } from "./Bus.ts";

/** The members `overrideBus` can replace. */
type Overridable = "publish" | "subscribe" | "streamMessages";

/** `bus` with `publish`, `subscribe` and/or `streamMessages` replaced; every other member is the bus's own, bound to it. */
export function overrideBus(bus: Bus, over: Partial<Pick<Bus, Overridable>>): Bus {
  return new Proxy(bus, {
    get: (target, prop) => {
      // Own keys only: `over.constructor` and the like are Object's, not replacements.
      const own = Object.hasOwn(over, prop) ? over[prop as Overridable] : undefined;
      if (own) return own;
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}
