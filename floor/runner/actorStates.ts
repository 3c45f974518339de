import type { Supervisor } from "../host/index.ts";
import type { LiveStatus } from "./RunOptions.ts";

/** Each live actor's state and message counts, by agent id (the registry's copy lags by one checkpoint). */
export function actorStates(sup: Supervisor): LiveStatus["live"] {
  return Object.fromEntries(sup.all.map((h) => [h.id, { state: h.state, received: h.counters.received, invalid: h.counters.invalid, published: h.counters.published }]));
}
