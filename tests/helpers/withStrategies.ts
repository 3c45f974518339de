import { STRATEGIES, traderKindOf } from "../../agents/trader/index.ts";
import type { StrategyDef } from "../../agents/trader/core/index.ts";
import { catalog, installCatalog } from "../../floor/host/index.ts";

/**
 * Let trader files name `defs` as well as the floor's own strategies until the returned function
 * is called: the installed agent catalog's trader kind is replaced by one over both tables, and
 * the catalog before is put back. Strategies that must never run on a real floor (the ground-truth
 * strategies, tests/groundtruth/) are registered this way and only in tests: agents/trader's own
 * table (strategies/index.ts) does not know them. Call it before loading a config that names them.
 */
export function withStrategies(defs: readonly StrategyDef[]): () => void {
  const before = catalog();
  const taken = new Set<string>(STRATEGIES.map((s) => s.name));
  for (const d of defs) {
    if (taken.has(d.name)) throw new Error(`a strategy named ${JSON.stringify(d.name)} is already registered`);
    taken.add(d.name);
  }
  const trader = traderKindOf([...(STRATEGIES as readonly StrategyDef[]), ...defs]);
  installCatalog({ ...before, kinds: before.kinds.map((k) => (k.kind === "trader" ? trader : k)) });
  return () => installCatalog(before);
}
