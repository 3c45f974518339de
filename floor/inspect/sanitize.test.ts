import { describe, expect, it } from "vitest";
import { isSecretName, REDACTED, sanitize, secretValues } from "./sanitize.ts";

const KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

describe("sanitize", () => {
  it("drops fields named like secrets, whatever their case or separators", () => {
    for (const n of ["key", "apiKey", "api_key", "privateKey", "PRIVATE_KEY", "secret", "apiSecret", "token", "accessToken", "password", "passphrase", "credentials"]) expect(isSecretName(n), n).toBe(true);
    for (const n of ["tokenId", "keys", "marketId", "params", "monkeys"]) expect(isSecretName(n), n).toBe(false);
    const ctx = { id: "t1", capital: 5_000_000, signer: { privateKey: KEY, address: "0xabc" }, clob: { apiKey: "k", secret: "s", passphrase: "p" }, tokenId: "123" };
    expect(sanitize(ctx, [])).toEqual({ id: "t1", capital: 5_000_000, signer: { address: "0xabc" }, clob: {}, tokenId: "123" });
  });

  it("redacts any string holding a secret's value, however deep or in whatever field", () => {
    const secrets = secretValues({ POLYMARKET_PRIVATE_KEY: KEY, POLYFLOOR_DASHBOARD_TOKEN: "dashboard-token-1234", NATS_PW_FLOOR: "nats-password", HOME: "/root", SHORT_TOKEN: "1" });
    expect(secrets.sort()).toEqual([KEY, "dashboard-token-1234", "nats-password"].sort());
    const ctx = { notes: [`signing with ${KEY}`], url: "http://x/?t=dashboard-token-1234", home: "/root", n: 1 };
    expect(sanitize(ctx, secrets)).toEqual({ notes: [REDACTED], url: REDACTED, home: "/root", n: 1 });
  });

  it("copies plainly: no functions, cycles and depth cut", () => {
    const a: Record<string, unknown> = { f: () => 1, d: new Date(0), m: new Map([["x", 1]]), big: 10n };
    a.self = a;
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < 20; i++) deep = (deep.next = {}) as Record<string, unknown>;
    expect(sanitize(a, [])).toEqual({ d: "1970-01-01T00:00:00.000Z", m: { x: 1 }, big: "10", self: "[circular]" });
    expect(JSON.stringify(sanitize(root, []))).toContain('"[deep]"');
  });
});
