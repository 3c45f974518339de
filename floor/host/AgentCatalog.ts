import type { AnyStateMachine } from "xstate";
import type { DigestConfig, LiveConfig, RiskConfig, SimConfig } from "../../protocols/index.ts";
import type { ReplayPlan } from "../replay/index.ts";
import type { Logger } from "../log/createLogger.ts";
import type { AgentKindDef } from "./AgentKindDef.ts";
import type { AgentSpec } from "./AgentSpec.ts";
import type { MarketSource, ReplayOptions } from "./MarketSource.ts";

/**
 * Everything the floor makes agents from. The floor never imports agents/: the entry point
 * (bin/floor.mjs, the bench, the test setup) installs agents/catalog.ts, and the floor reads it.
 */
export interface AgentCatalog {
  readonly kinds: readonly AgentKindDef[];
  /** Machines beyond the kinds' own, for the visualiser's export (each order's life). */
  readonly machines: Readonly<Record<string, AnyStateMachine>>;
  /** The agents every floor has besides its feed and its file-made agents. */
  /** The auditor checks the boss's limits itself, so it is given the same floor figures; it writes the daily digests as `digests` says (none when absent). */
  auditor(floor?: { capital: number; risk: RiskConfig }, digests?: DigestConfig): AgentSpec;
  monitor(): AgentSpec;
  boss(floor: { capital: number; risk: RiskConfig }): AgentSpec;
  paperExchange(): AgentSpec;
  /** Where the market comes from, by mode. */
  simSource(sim: SimConfig, seed: number): MarketSource;
  replaySource(plan: ReplayPlan, sim: SimConfig, seed: number, opts?: ReplayOptions): MarketSource;
  paperSource(live: LiveConfig): MarketSource;
  /** Live data and the live exchange on clob-client-v2, signing with `privateKey` (never logged). */
  liveSource(live: LiveConfig, privateKey: string, log: Logger): Promise<MarketSource>;
}
