import type { LoadedConfig } from "../config/index.ts";
import { catalog, type AgentSpec } from "../host/index.ts";

/** `all` is the embedded single process; the other roles are the registry's (agents/kinds.ts). */
export type Role = string;

/** The `--role` names: `all`, then each kind's role once. */
export function roles(): string[] {
  return ["all", ...new Set(catalog().kinds.map((k) => k.role))];
}

/**
 * The agents of a floor at its start, in start order: recorders first (so they see every birth),
 * then the exchange and the boss, then the file-made agents (the boss allocates as they are
 * born), the feed (simulated, replayed or live) last.
 */
export function floorAgents(cfg: LoadedConfig, feed: AgentSpec, role: Role = "all", exchange?: AgentSpec, more: readonly AgentSpec[] = []): AgentSpec[] {
  const c = catalog();
  const floor = { capital: cfg.floor.capital, risk: cfg.floor.risk };
  const all: AgentSpec[] = [
    c.auditor(floor, cfg.floor.digests),
    c.monitor(),
    exchange ?? c.paperExchange(),
    c.boss(floor),
    ...cfg.agents.map((a) => agentSpec(a)),
    ...more,
    feed,
  ];
  if (role === "all") return all;
  const kinds = new Set(c.kinds.filter((k) => k.role === role).map((k) => k.kind));
  return all.filter((s) => kinds.has(s.kind));
}

/** The spec of a file-made agent from its validated config. */
export function agentSpec(cfg: { kind: string; id: string; enabled: boolean }, parentId?: string): AgentSpec {
  const file = catalog().kinds.find((k) => k.kind === cfg.kind)?.file;
  if (!file) throw new Error(`agent ${cfg.id}: kind ${JSON.stringify(cfg.kind)} is not made from config files`);
  return file.spec(cfg, parentId);
}
