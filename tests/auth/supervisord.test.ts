// supervisord.conf runs the floor against a nats-server with the documented authorization config,
// the floor's credentials coming from the environment: checked here so the two programs stay in step.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { passwordVarOf } from "../../floor/bus/auth/natsAuthConfig.ts";

const programs = new Map<string, Map<string, string>>();
let current: Map<string, string> | undefined;
for (const line of readFileSync("supervisord.conf", "utf8").split("\n")) {
  const section = /^\[program:(\w+)\]/.exec(line);
  if (section) programs.set(section[1]!, (current = new Map()));
  else if (/^\[/.test(line)) current = undefined;
  const kv = /^(\w+)=(.*)$/.exec(line);
  if (kv && current) current.set(kv[1]!, kv[2]!);
}

const ROLES = ["auditor", "monitor", "exchange", "boss", "traders", "feed"];

describe("supervisord.conf", () => {
  it("starts nats-server with config/nats/floor-auth.conf before the six roles, each connecting to it as its own user with its password from the environment", () => {
    const nats = programs.get("nats")!;
    expect([...programs.keys()]).toEqual(["nats", ...ROLES]);
    expect(nats.get("command")).toMatch(/^%\(ENV_POLYFLOOR_NATS_SERVER\)s -c config\/nats\/floor-auth\.conf .*-p %\(ENV_POLYFLOOR_NATS_PORT\)s/);
    const auth = readFileSync("config/nats/floor-auth.conf", "utf8");
    for (const role of ROLES) {
      const p = programs.get(role)!;
      expect(p.get("command")).toContain(`start --role ${role} `);
      expect(p.get("command")).toContain("--bus nats://127.0.0.1:%(ENV_POLYFLOOR_NATS_PORT)s");
      expect(p.get("command")).toContain(`--db %(ENV_POLYFLOOR_DATA)s/floor.${role}.db`);
      expect(Number(nats.get("priority"))).toBeLessThan(Number(p.get("priority")));
      expect(p.get("environment")).toContain(`NATS_USER="${role}",NATS_PASSWORD="%(ENV_${passwordVarOf(role)})s"`);
      expect(auth).toContain(`user: "${role}", password: $${passwordVarOf(role)}`);
      // Restarted when killed, never after a clean stop; logs under the data folder.
      expect([p.get("autorestart"), p.get("exitcodes"), p.get("stdout_logfile")]).toEqual(["unexpected", "0", `%(ENV_POLYFLOOR_DATA)s/logs/${role}.out.log`]);
    }
  });
});
