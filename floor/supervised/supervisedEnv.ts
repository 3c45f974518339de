import { randomBytes } from "node:crypto";
import { resolve } from "node:path";
import { onPath } from "./onPath.ts";

/** What supervisord.conf reads from its environment, with the defaults `npm run floor:supervised` gives. */
export const SUPERVISED_DEFAULTS = {
  POLYFLOOR_DATA: "data",
  POLYFLOOR_NATS_PORT: "4222",
  POLYFLOOR_CONFIG: "config/floor.yaml",
  POLYFLOOR_MODE: "sim",
  POLYFLOOR_SPEED: "1",
} as const;

export interface SupervisedEnv {
  env: Record<string, string>;
  /** The password variables this run made up (none were set): say so, never what they are. */
  generated: string[];
}

/**
 * supervisord's environment: the caller's, each setting it lacks at its default (POLYFLOOR_DATA
 * made absolute), and a random password for every NATS user the server config names whose
 * `NATS_PW_<USER>` is unset. Made-up passwords live only in this process tree's environment.
 */
export function supervisedEnv(base: Readonly<Record<string, string | undefined>>, passwordVars: readonly string[], root: string): SupervisedEnv {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined) env[k] = v;
  for (const [k, v] of Object.entries(SUPERVISED_DEFAULTS)) env[k] ??= v;
  env.POLYFLOOR_DATA = resolve(root, env.POLYFLOOR_DATA!);
  env.POLYFLOOR_NATS_SERVER ??= onPath("nats-server", env.PATH ?? "") ?? "/usr/sbin/nats-server";
  const generated: string[] = [];
  for (const v of passwordVars) {
    if (env[v]) continue;
    env[v] = `p${randomBytes(18).toString("hex")}`; // nats-server reads a leading digit as a number: a letter first
    generated.push(v);
  }
  return { env, generated };
}

/** The password variables a nats-server config reads (`$NATS_PW_…`), each once. */
export function passwordVarsOf(configText: string): string[] {
  return [...new Set(configText.match(/\$NATS_PW_[A-Z0-9_]+/g) ?? [])].map((v) => v.slice(1));
}
