import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { ChaosOptions } from "./ChaosOptions.ts";
import { roleDb } from "./checkInvariants.ts";
import { CHAOS_ROLES, type ChaosRole } from "./chaosSchedule.ts";
import { SupervisedRole } from "./SupervisedRole.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** The harness's own NATS settings must not reach the roles (one kind of credentials each): they get only the private server's URL. */
function roleEnv(prefix: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("NATS_")));
  return { ...env, POLYFLOOR_BUS_PREFIX: prefix, LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" };
}

/**
 * The six roles as child processes of `node bin/floor.mjs start --role R …`, run in `dir` (so digests
 * land there) with POLYFLOOR_CONFIG's config or else the repository's, started in order, each once
 * the previous printed "running" (a role started after facts were published live would miss them).
 */
/** The floor's config: POLYFLOOR_CONFIG (from where the harness runs) or the repository's; the roles run elsewhere, so the path is absolute. */
function configPath(): string {
  const given = process.env.POLYFLOOR_CONFIG;
  return given ? resolve(given) : `${ROOT}config/floor.yaml`;
}

export async function startRoles(o: { opts: ChaosOptions; dir: string; logDir: string; url: string; prefix: string; signal: AbortSignal }): Promise<Map<ChaosRole, SupervisedRole>> {
  const roles = new Map<ChaosRole, SupervisedRole>();
  for (const role of CHAOS_ROLES) {
    const args = [...nodeArgs(), `${ROOT}bin/floor.mjs`, "start", "--role", role, "--bus", o.url, "--db", roleDb(o.dir, role), "--config", configPath(), "--speed", "max", "--until", o.opts.until, "--seed", String(o.opts.seed)];
    const r = new SupervisedRole({ role, command: process.execPath, args, cwd: o.dir, env: roleEnv(o.prefix), logDir: o.logDir });
    roles.set(role, r);
    const running = await Promise.race([r.start(), new Promise<"late">((res) => setTimeout(() => res("late"), 120_000).unref())]);
    if (running === null || running === "late" || o.signal.aborted) {
      await Promise.all([...roles.values()].map((x) => x.stop()));
      throw new Error(`the ${role} role did not print "running" ${running === null ? "before exiting" : "within 120 s"}: see ${o.logDir}/${role}.*`);
    }
  }
  return roles;
}

/** Node's own flags for every role process, from POLYFLOOR_CHAOS_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=DIR`, which NODE_OPTIONS refuses). */
function nodeArgs(): string[] {
  return (process.env.POLYFLOOR_CHAOS_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
}
