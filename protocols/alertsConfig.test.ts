import { describe, expect, it } from "vitest";
import { AlertsConfig } from "./alertsConfig.ts";
import { FloorConfig } from "./config.ts";

const issues = (input: unknown) => {
  const r = AlertsConfig.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("AlertsConfig", () => {
  it("is none by default, with the documented delivery settings", () => {
    expect(FloorConfig.parse({}).alerts).toEqual({ webhooks: [], attempts: 5, backoffMs: 1_000, backoffMaxMs: 60_000, timeoutMs: 5_000, stopGraceMs: 2_000 });
    expect(AlertsConfig.parse({ webhooks: [{ name: "ops", format: "slack", urlEnv: "X" }] }).webhooks[0]).toEqual({ name: "ops", format: "slack", urlEnv: "X", perMinute: 20, burst: 5, queue: 100 });
  });
  it("a telegram webhook needs chatId, and only it takes one", () => {
    expect(issues({ webhooks: [{ name: "t", format: "telegram", urlEnv: "X" }] })).toEqual(["webhooks.0.chatId: a telegram webhook needs chatId"]);
    expect(issues({ webhooks: [{ name: "d", format: "discord", urlEnv: "X", chatId: 5 }] })).toEqual(["webhooks.0.chatId: chatId is for telegram webhooks, not discord"]);
  });
  it("takes the name of a variable, never a URL", () => {
    expect(issues({ webhooks: [{ name: "s", format: "slack", urlEnv: "https://hooks.slack.com/services/T/B/x" }] })).toEqual(["webhooks.0.urlEnv: the name of an environment variable"]);
    expect(issues({ webhooks: [{ name: "s", format: "slack", urlEnv: "X", url: "https://hooks.slack.com/x" }] })).toEqual([expect.stringMatching(/^webhooks\.0: Unrecognized key: "url"/)]);
  });
  it("refuses a duplicate name, an unknown kind or format, and a first backoff above its cap", () => {
    expect(issues({ webhooks: [{ name: "a", format: "slack", urlEnv: "X" }, { name: "a", format: "slack", urlEnv: "Y" }] })).toEqual(["webhooks: each webhook name at most once"]);
    expect(issues({ webhooks: [{ name: "a", format: "teams", urlEnv: "X" }] })).toHaveLength(1);
    expect(issues({ webhooks: [{ name: "a", format: "slack", urlEnv: "X", kinds: ["fills"] }] })).toHaveLength(1);
    expect(issues({ backoffMs: 5_000, backoffMaxMs: 1_000 })).toHaveLength(1);
  });
});
