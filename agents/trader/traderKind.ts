import type { AgentKindDef, FileKind, Variant } from "../../floor/host/index.ts";
import { perturbParams } from "../../floor/params/index.ts";
import type { Rng } from "../../floor/random/createRng.ts";
import { updatableKeys, type StrategyDef } from "./core/index.ts";
import { STRATEGIES } from "./strategies/index.ts";
import { traderAgent } from "./traderAgent.ts";
import { strategyOf, TraderConfig, traderConfigOf } from "./traderConfig.ts";
import { traderMachine } from "./traderMachine.ts";
import { tradingWindow } from "./tradingWindow.ts";

/**
 * The trader kind over a table of strategies: its files name one of them, its agents run it, and
 * its clones perturb that strategy's parameters. The floor's is `traderKind`, over STRATEGIES; a
 * test adds strategies of its own by installing a catalog with `traderKindOf([...STRATEGIES, ...its
 * own])` (tests/helpers/withStrategies.ts), so that a test-only strategy is never one the floor can run.
 */
export function traderKindOf(strategies: readonly StrategyDef[]): AgentKindDef {
  const schema = strategies === (STRATEGIES as readonly StrategyDef[]) ? TraderConfig : traderConfigOf(strategies);
  /** A running trader takes new parameters in place when only its strategy's updatable ones changed. */
  function updatable(prev: TraderConfig, next: TraderConfig): boolean {
    if (prev.id !== next.id || prev.strategy !== next.strategy || prev.enabled !== next.enabled) return false;
    const inPlace = updatableKeys(strategyOf(next.strategy, strategies).params);
    const a = prev.params as Record<string, unknown>;
    const b = next.params as Record<string, unknown>;
    return [...new Set([...Object.keys(a), ...Object.keys(b)])].every((k) => a[k] === b[k] || JSON.stringify(a[k]) === JSON.stringify(b[k]) || inPlace.has(k));
  }
  /** A clone: its strategy's parameters perturbed inside their schema's bounds. */
  function variant(cfg: TraderConfig, rng: Rng, scale: number): Variant<TraderConfig> {
    const p = perturbParams(strategyOf(cfg.strategy, strategies).params, cfg.params as Record<string, unknown>, rng, scale);
    return { config: schema.parse({ ...cfg, params: p.params }), changed: p.changed, note: p.note };
  }
  const file: FileKind<TraderConfig> = { schema, spec: (cfg, parentId) => traderAgent(cfg, parentId, strategies), updatable, check: tradingWindow, variant };
  return { kind: "trader", role: "traders", machine: traderMachine, file: file as unknown as FileKind };
}

/** The trader kind in the registry (agents/kinds.ts): made from config/agents/ files, run by the `traders` role. */
export const traderKind: AgentKindDef = traderKindOf(STRATEGIES);
