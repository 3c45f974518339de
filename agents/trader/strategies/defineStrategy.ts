import type { z } from "zod";
import type { Strategy } from "./Strategy.ts";

/**
 * A strategy kind: its name (the `strategy:` of a trader file), its parameter schema with
 * defaults and bounds (the boss perturbs clones inside them; fields marked `updatable` apply to
 * a running trader in place), and how to make one.
 */
export interface StrategyDef<N extends string = string, P extends z.ZodType<Record<string, unknown>> = z.ZodType<Record<string, unknown>>> {
  readonly name: N;
  readonly params: P;
  /** `params` is the trader's own copy: an in-place update assigns to it, so read it at decide time. */
  create(params: z.output<P>): Strategy;
}

/** Declare a strategy (keeps its literal name and its parameter type). */
export function defineStrategy<N extends string, P extends z.ZodType<Record<string, unknown>>>(def: StrategyDef<N, P>): StrategyDef<N, P> {
  return def;
}
