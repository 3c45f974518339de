import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { onPath } from "./onPath.ts";
import { passwordVarsOf, supervisedEnv } from "./supervisedEnv.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** `npm run floor:supervised`: the floor's roles and its bus under supervisord (supervisord.conf), until Ctrl-C. */
export async function main(): Promise<number> {
  const supervisord = onPath("supervisord", process.env.PATH ?? "") ?? (existsSync("/usr/bin/supervisord") ? "/usr/bin/supervisord" : undefined);
  if (!supervisord) {
    process.stderr.write("floor:supervised: supervisord is not installed (Debian: apt-get install supervisor)\n");
    return 1;
  }
  const auth = readFileSync(join(ROOT, "config/nats/floor-auth.conf"), "utf8");
  const { env, generated } = supervisedEnv(process.env, passwordVarsOf(auth), ROOT);
  const port = Number(env.POLYFLOOR_NATS_PORT);
  if (await accepts(port)) {
    process.stderr.write(`floor:supervised: something already listens on 127.0.0.1:${port} (another nats-server?): stop it or set POLYFLOOR_NATS_PORT\n`);
    return 2;
  }
  mkdirSync(join(env.POLYFLOOR_DATA!, "logs"), { recursive: true });
  const out = (s: string) => process.stdout.write(`${s}\n`);
  out(`polyfloor: supervising the bus (nats-server on 127.0.0.1:${port}) and six roles: auditor, monitor, exchange, boss, traders, feed`);
  out(`  files      ${env.POLYFLOOR_DATA}/floor.<role>.db`);
  out(`  logs       ${env.POLYFLOOR_DATA}/logs/`);
  out(`  control    POLYFLOOR_DATA=${env.POLYFLOOR_DATA} supervisorctl -c supervisord.conf status`);
  if (generated.length > 0) out(`  passwords  made up for this run for ${generated.length} bus users (set NATS_PW_<USER> to choose them; NATS_PW_ADMIN reaches the bus as admin)`);
  const child = spawn(supervisord, ["-n", "-c", join(ROOT, "supervisord.conf")], { cwd: ROOT, env, stdio: "inherit" });
  const forward = (sig: NodeJS.Signals) => () => void child.kill(sig);
  const onInt = forward("SIGINT");
  const onTerm = forward("SIGTERM");
  process.on("SIGINT", onInt);
  process.on("SIGTERM", onTerm);
  return new Promise((resolve) =>
    child.once("exit", (code, signal) => {
      process.off("SIGINT", onInt);
      process.off("SIGTERM", onTerm);
      resolve(code ?? (signal ? 1 : 0));
    }),
  );
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: "127.0.0.1", port })
      .once("connect", () => {
        s.destroy();
        resolve(true);
      })
      .once("error", () => resolve(false));
  });
}
