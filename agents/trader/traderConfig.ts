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

/** The strategy a trader runs, looked up by name (TraderConfig admits only registered names). */
export function strategyOf(name: string): StrategyDef {
  const d = STRATEGIES.find((s) => s.name === name);
  if (!d) throw new Error(`unknown strategy ${JSON.stringify(name)}`);
  return d as unknown as StrategyDef;
}
