import type { StateValue } from "xstate";

/**
 * The dotted paths of the states active in an XState state value, each ancestor before its
 * children, in the value's order: `{ trading: { entered: "watching" } }` →
 * `["trading", "trading.entered", "trading.entered.watching"]`. These are the drawing's `data-state`s to mark `active`.
 */
export function activePaths(value: StateValue, prefix = ""): string[] {
  const at = (key: string) => (prefix === "" ? key : `${prefix}.${key}`);
  if (typeof value === "string") return [at(value)];
  return Object.entries(value).flatMap(([key, child]) => [at(key), ...(child === undefined ? [] : activePaths(child, at(key)))]);
}
