import { describe, expect, it } from "vitest";
import { scrubSecrets, secretValues } from "./scrubSecrets.ts";

describe("secretValues", () => {
  it("takes the known secrets, the named ones and secret-looking names; not short or ordinary values", () => {
    const env = { POLYMARKET_PRIVATE_KEY: "0xabcdef12", NATS_TOKEN: "s3cr3t-token", MY_ALERT_URL: "https://hooks.example/T1/B2/xyz", FOO_API_KEY: "foo-key-1", HOME: "/home/me", LOG_LEVEL: "warn", NATS_PASSWORD: "abc" };
    expect(secretValues(env, ["MY_ALERT_URL"])).toEqual(["https://hooks.example/T1/B2/xyz", "s3cr3t-token", "0xabcdef12", "foo-key-1", "abcdef12"]);
  });
});

describe("scrubSecrets", () => {
  it("removes each secret value wherever it sits, and any URL", () => {
    const secrets = secretValues({ NATS_TOKEN: "s3cr3t-token", CLOB_SECRET: "c1ob-secret" });
    const text = 'rejected: {"auth":"s3cr3t-token","x":"pre-c1ob-secret-post"} see http://10.0.0.1:4222/x?token=abc and wss://ws.example/ws';
    const out = scrubSecrets(text, secrets);
    expect(out).toBe('rejected: {"auth":"[redacted]","x":"pre-[redacted]-post"} see [url] and [url]');
    expect(out).not.toContain("s3cr3t");
  });
  it("removes a 64-hex-digit key, with or without 0x, that no variable named", () => {
    const key = "ab".repeat(32);
    expect(scrubSecrets(`key ${key} and 0x${key}.`, [])).toBe("key [redacted] and [redacted].");
  });
  it("leaves ordinary text alone", () => {
    expect(scrubSecrets("breaker dailyLoss tripped: $1050.00 lost", ["zzzz"])).toBe("breaker dailyLoss tripped: $1050.00 lost");
  });
});
