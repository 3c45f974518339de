import { auditorAgent } from "../../agents/auditor/index.ts";
import { bossAgent } from "../../agents/boss/index.ts";
import { paperExchangeAgent } from "../../agents/exchange/index.ts";
import { monitorAgent } from "../../agents/monitor/index.ts";
import { traderAgent } from "../../agents/trader/index.ts";
import { BOSS_ID } from "../../protocols/publishRights.ts";
import type { LoadedConfig } from "../config/index.ts";
import type { AgentKind, AgentSpec } from "../host/index.ts";

/** Processes that run one part of the floor (`--role`); `all` is the embedded single process. */
export const ROLES = ["all", "feed", "exchange", "boss", "auditor", "monitor", "traders"] as const;
export type Role = (typeof ROLES)[number];

const ROLE_KINDS: Record<Role, readonly AgentKind[]> = {
  all: ["auditor", "monitor", "exchange", "boss", "trader", "feed"],
  feed: ["feed"], exchange: ["exchange"], boss: ["boss"], auditor: ["auditor"], monitor: ["monitor"], traders: ["trader"],
};

/**
 * The agents of a sim floor, in start order: recorders first (so they see every birth), then
 * the exchange and the boss, then traders (the boss allocates as they are born), the feed
 * (simulated or replayed) last.
 */
export function floorAgents(cfg: LoadedConfig, feed: AgentSpec, role: Role = "all", exchange?: AgentSpec): AgentSpec[] {
  const all: AgentSpec[] = [
    auditorAgent("auditor"),
    monitorAgent("monitor"),
    exchange ?? paperExchangeAgent("exchange"),
    bossAgent(BOSS_ID, { capital: cfg.floor.capital, risk: cfg.floor.risk }),
    ...cfg.agents.map((a) => traderAgent(a)),
    feed,
  ];
  return all.filter((s) => ROLE_KINDS[role].includes(s.kind));
}
