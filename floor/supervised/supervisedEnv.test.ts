import { describe, expect, it } from "vitest";
import { passwordVarsOf, supervisedEnv } from "./supervisedEnv.ts";

describe("supervisedEnv", () => {
  it("keeps what is set, defaults the rest, and makes up only the missing passwords", () => {
    const { env, generated } = supervisedEnv({ POLYFLOOR_SPEED: "20", NATS_PW_FEED: "given", PATH: "/nowhere" }, ["NATS_PW_FEED", "NATS_PW_BOSS"], "/repo");
    expect(env).toMatchObject({ POLYFLOOR_SPEED: "20", POLYFLOOR_DATA: "/repo/data", POLYFLOOR_NATS_PORT: "4222", POLYFLOOR_MODE: "sim", NATS_PW_FEED: "given", POLYFLOOR_NATS_SERVER: "/usr/sbin/nats-server" });
    expect(generated).toEqual(["NATS_PW_BOSS"]);
    expect(env.NATS_PW_BOSS).toMatch(/^p[0-9a-f]{36}$/);
    expect(supervisedEnv({}, ["NATS_PW_BOSS"], "/repo").env.NATS_PW_BOSS).not.toBe(env.NATS_PW_BOSS);
  });
  it("reads the password variables of a server config, each once", () => {
    expect(passwordVarsOf('{ user: "a", password: $NATS_PW_A }\n{ user: "b", password: $NATS_PW_B_1 } $NATS_PW_A')).toEqual(["NATS_PW_A", "NATS_PW_B_1"]);
  });
});
