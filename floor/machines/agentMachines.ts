import type { AnyStateMachine } from "xstate";
import { catalog } from "../host/index.ts";

/** Every machine `floor machines --export` writes: each kind's (from the registry), and the catalog's others (each order's life). */
export function exportedMachines(): Record<string, AnyStateMachine> {
  const c = catalog();
  return { ...Object.fromEntries(c.kinds.map((k) => [k.kind, k.machine])), ...c.machines };
}
