import type { z } from "zod";
import type { EntryDefaults } from "./entryParams.ts";
import type { View } from "./View.ts";

/**
 * A strategy kind: its name (the `strategy:` of a trader file), its parameter schema with
 * defaults and bounds (the boss perturbs clones inside them; fields marked `updatable` apply to
 * a running trader in place; every schema carries the entry rules, entryParams.ts), and how to
 * make its view of the market from them. The shared core (strategyCore.ts) does the rest.
 */
export interface StrategyDef<N extends string = string, P extends z.ZodType<EntryDefaults & Record<string, unknown>> = z.ZodType<EntryDefaults & Record<string, unknown>>> {
  readonly name: N;
  readonly params: P;
  /** `params` is the trader's own copy: an in-place update assigns to it, so read it at decide time. */
  create(params: z.output<P>): View;
}

/** Declare a strategy (keeps its literal name and its parameter type). */
export function defineStrategy<N extends string, P extends z.ZodType<EntryDefaults & Record<string, unknown>>>(def: StrategyDef<N, P>): StrategyDef<N, P> {
  return def;
}
