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

describe("supervisord.conf", () => {
  it("starts nats-server with config/nats/floor-auth.conf before the floor, which connects to it as `floor` with its password from the environment", () => {
    const nats = programs.get("nats")!;
    const floor = programs.get("floor")!;
    expect(nats.get("command")).toMatch(/nats-server -c config\/nats\/floor-auth\.conf .*-p (\d+)/);
    const port = /-p (\d+)/.exec(nats.get("command")!)![1];
    expect(floor.get("command")).toContain(`--bus nats://127.0.0.1:${port}`);
    expect(Number(nats.get("priority"))).toBeLessThan(Number(floor.get("priority")));
    expect(floor.get("environment")).toContain(`NATS_USER="floor",NATS_PASSWORD="%(ENV_${passwordVarOf("floor")})s"`);
    expect(readFileSync("config/nats/floor-auth.conf", "utf8")).toContain(`user: "floor", password: $${passwordVarOf("floor")}`);
  });
});
