import { z } from "zod";
import { AgentId } from "../../protocols/index.ts";
import type { EntryDefaults, StrategyDef } from "./core/index.ts";
import { STRATEGIES } from "./strategies/index.ts";

const TraderFields = {
  id: AgentId,
  kind: z.literal("trader"),
  enabled: z.boolean().default(true),
};

function variant<N extends string, P extends z.ZodType<EntryDefaults & Record<string, unknown>>>(d: StrategyDef<N, P>) {
  return z.object({ ...TraderFields, strategy: z.literal(d.name), params: d.params.prefault({} as z.input<P>) }).strict();
}

/** One object schema per registered strategy, as a tuple (what `discriminatedUnion` needs to keep each one's type). */
type Variants<T extends readonly unknown[]> = { -readonly [K in keyof T]: T[K] extends StrategyDef<infer N, infer P> ? ReturnType<typeof variant<N, P>> : never };

/** A trader file: one strategy (the discriminator) with that strategy's own parameters. */
export const TraderConfig = z.discriminatedUnion("strategy", STRATEGIES.map((d) => variant(d as StrategyDef)) as unknown as Variants<typeof STRATEGIES>);
export type TraderConfig = z.infer<typeof TraderConfig>;

/**
 * The same schema over another table of strategies, for a test that runs strategies of its own
 * beside the floor's (tests/helpers/withStrategies.ts). Typed as the floor's: the extra strategies'
 * names are not in `TraderConfig`'s union, but every field the floor reads is.
 */
export function traderConfigOf(strategies: readonly StrategyDef[]): z.ZodType<TraderConfig> {
  return z.discriminatedUnion("strategy", strategies.map((d) => variant(d)) as unknown as [z.ZodObject, ...z.ZodObject[]]) as unknown as z.ZodType<TraderConfig>;
}

/** The strategy a trader runs, looked up by name in `strategies` (the floor's table unless a test brings its own). */
export function strategyOf(name: string, strategies: readonly StrategyDef[] = STRATEGIES as unknown as readonly StrategyDef[]): StrategyDef {
  const d = strategies.find((s) => s.name === name);
  if (!d) throw new Error(`unknown strategy ${JSON.stringify(name)}`);
  return d;
}
