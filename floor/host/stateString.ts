import type { StateValue } from "xstate";

/** Flatten a state value to a dotted string: "trading", or "running.reviewing" for nested states. */
export function stateString(value: StateValue): string {
  if (typeof value === "string") return value;
  return Object.entries(value)
    .map(([k, v]) => (v === undefined || (typeof v === "object" && Object.keys(v).length === 0) ? k : `${k}.${stateString(v)}`))
    .join(",");
}
