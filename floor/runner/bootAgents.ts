import { listAgents, type AgentOrigin, type Db } from "../../state/index.ts";
import type { LoadedConfig } from "../config/index.ts";
import { checkAgentConfig, fileKinds, kindDef, type AgentSpec } from "../host/index.ts";
import type { Logger } from "../log/createLogger.ts";
import { agentSpec, floorAgents, type Role } from "./floorAgents.ts";

export interface Boot {
  /** In start order, each with where it comes from. */
  agents: Array<{ spec: AgentSpec; origin: AgentOrigin }>;
  /** Agents the registry has alive from a config file that is gone (or disabled): retired before the first step. */
  gone: string[];
}

/**
 * The floor's agents at its start: its own, those of its config files, and those a command spawned
 * in an earlier run and nobody retired (the registry keeps their config). The config folder is the
 * floor's wish for file-made agents: one the registry has alive whose file is gone is retired.
 */
export function bootAgents(db: Db, cfg: LoadedConfig, feed: AgentSpec, role: Role, log: Logger, exchange?: AgentSpec): Boot {
  const files = new Set(cfg.agents.map((a) => a.id));
  const kinds = fileKinds();
  const alive = listAgents(db).filter((a) => a.diedTs === null && kinds.has(a.kind) && !files.has(a.agentId));
  const kept: AgentSpec[] = [];
  for (const a of alive.filter((r) => r.origin === "command")) {
    const checked = checkAgentConfig(a.agentId, a.config as Record<string, unknown>, cfg.floor);
    if (checked.ok) kept.push(agentSpec(checked.config, a.parentId ?? undefined));
    else log.warn({ agentId: a.agentId, error: checked.error }, "an agent spawned by a command no longer passes its checks: not started");
  }
  const specs = floorAgents(cfg, feed, role, exchange, kept);
  const keptIds = new Set(kept.map((s) => s.id));
  return {
    agents: specs.map((spec) => ({ spec, origin: files.has(spec.id) ? "config" : keptIds.has(spec.id) ? "command" : "floor" })),
    // Only the process that runs a kind retires its agents.
    gone: alive.filter((r) => r.origin === "config" && (role === "all" || kindDef(r.kind)?.role === role)).map((r) => r.agentId),
  };
}
