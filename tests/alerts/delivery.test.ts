import { afterAll, describe, expect, it } from "vitest";
import { ConfigError } from "../../floor/config/index.ts";
import { tmpDir } from "../helpers/tmp.ts";
import { alertsOn, auditRows, publishFact, T0, trip } from "./alertsHarness.ts";
import { startWebhookServer, type WebhookReply } from "./webhookServer.ts";

const tmp = tmpDir("alerts");
afterAll(() => tmp.remove());
let dbs = 0;
const dbPath = () => tmp.path(`alerts-${++dbs}.db`);

const TRIP_LINE = "Circuit breaker dailyLoss tripped: the floor is halted. daily loss 0";
/** Retries in milliseconds, not seconds: the tests wait on the server and the queue, never on the clock. */
const FAST = { attempts: 3, backoffMs: 1, backoffMaxMs: 4, timeoutMs: 5_000, stopGraceMs: 200 };

describe("webhook delivery", () => {
  it("posts the JSON each service accepts: Slack {text}, Discord {content}, Telegram {chat_id, text} to the bot's sendMessage", async () => {
    const srv = await startWebhookServer();
    const env = { SLACK_URL: `${srv.origin}/services/T0/B0/slacksecret`, DISCORD_URL: `${srv.origin}/api/webhooks/1/discordsecret`, TG_URL: `${srv.origin}/bot123:tgsecret/sendMessage` };
    const a = alertsOn(dbPath(), {
      ...FAST,
      webhooks: [
        { name: "slack", format: "slack", urlEnv: "SLACK_URL" },
        { name: "discord", format: "discord", urlEnv: "DISCORD_URL" },
        { name: "tg", format: "telegram", urlEnv: "TG_URL", chatId: "-1001234" },
      ],
    }, env);
    try {
      trip(a.bus);
      await srv.until(3);
      const text = `polyfloor\n[2026-01-01 00:00:00 UTC] ${TRIP_LINE}`;
      const byPath = Object.fromEntries(srv.seen.map((s) => [s.path, s]));
      expect(byPath["/services/T0/B0/slacksecret"]).toEqual({ path: "/services/T0/B0/slacksecret", contentType: "application/json", body: { text } });
      expect(byPath["/api/webhooks/1/discordsecret"]?.body).toEqual({ content: text, allowed_mentions: { parse: [] } });
      expect(byPath["/bot123:tgsecret/sendMessage"]?.body).toEqual({ chat_id: "-1001234", text });
      await Promise.all(a.alerts.queues.map((q) => q.idle()));
      expect(a.alerts.queues.map((q) => q.counts)).toEqual(Array(3).fill({ sent: 1, attempts: 1, failed: 0, dropped: 0 }));
    } finally {
      await a.close();
      await srv.close();
    }
  });

  it("sends only the kinds a webhook asked for", async () => {
    const srv = await startWebhookServer();
    const a = alertsOn(dbPath(), { ...FAST, webhooks: [{ name: "crashes", format: "slack", urlEnv: "U", kinds: ["crash"] }] }, { U: `${srv.origin}/x` });
    try {
      trip(a.bus);
      a.bus.publish("floor.life.failed", JSON.stringify({ v: 1, id: "l1", ts: T0, src: "t1", verb: "failed", agentId: "t1", kind: "trader", reason: "restart intensity exceeded" }));
      await a.bus.idle();
      await srv.until(1);
      await a.queue().idle();
      expect(srv.seen.map((s) => s.body.text)).toEqual(["polyfloor\n[2026-01-01 00:00:00 UTC] Agent t1 (trader) failed and will not be restarted: restart intensity exceeded"]);
    } finally {
      await a.close();
      await srv.close();
    }
  });

  it("a 500 then a 200: delivered on the retry", async () => {
    const srv = await startWebhookServer((n) => ({ status: n === 0 ? 500 : 200 }));
    const a = alertsOn(dbPath(), { ...FAST, webhooks: [{ name: "w", format: "slack", urlEnv: "U" }] }, { U: `${srv.origin}/hook` });
    try {
      trip(a.bus);
      await srv.until(2);
      await a.queue().idle();
      expect(a.queue().counts).toEqual({ sent: 1, attempts: 2, failed: 0, dropped: 0 });
      expect(srv.seen[1]!.body).toEqual(srv.seen[0]!.body);
      expect(auditRows(a.db, "alert_failed")).toEqual([]);
    } finally {
      await a.close();
      await srv.close();
    }
  });

  it("a 429 waits what Retry-After asks, then delivers", async () => {
    const srv = await startWebhookServer((n) => (n === 0 ? { status: 429, headers: { "retry-after": "0" }, body: { ok: false } } : { status: 200 }));
    const a = alertsOn(dbPath(), { ...FAST, backoffMs: 60_000, backoffMaxMs: 60_000, webhooks: [{ name: "w", format: "discord", urlEnv: "U" }] }, { U: `${srv.origin}/hook` });
    try {
      trip(a.bus);
      await srv.until(2); // a minute's backoff would hold it far past the test's timeout: Retry-After 0 won
      await a.queue().idle();
      expect(a.queue().counts).toMatchObject({ sent: 1, attempts: 2 });
    } finally {
      await a.close();
      await srv.close();
    }
  });

  it("500 forever: given up after `attempts`, logged and audited with the last status, never the URL", async () => {
    const srv = await startWebhookServer(() => ({ status: 503 }));
    const url = `${srv.origin}/services/T0/B0/tok-3f9a`;
    const a = alertsOn(dbPath(), { ...FAST, webhooks: [{ name: "ops", format: "slack", urlEnv: "OPS_URL" }] }, { OPS_URL: url });
    try {
      trip(a.bus);
      await srv.until(3);
      await a.queue().idle();
      expect(srv.seen).toHaveLength(3);
      expect(a.queue().counts).toEqual({ sent: 0, attempts: 3, failed: 1, dropped: 0 });
      const rows = auditRows(a.db, "alert_failed");
      expect(rows.map((r) => [r.src, r.severity, r.detail])).toEqual([["alerts", "error", { webhook: "ops", kind: "breaker", alerts: 1, attempts: 3, status: 503 }]]);
      expect(rows[0]!.raw).not.toContain("tok-3f9a");
      expect(rows[0]!.raw).not.toContain("127.0.0.1");
      const logged = a.lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === "alert not delivered: given up");
      expect(logged).toEqual([expect.objectContaining({ level: 50, webhook: "ops", kind: "breaker", attempts: 3, status: 503 })]);
      expect(a.lines.join("")).not.toContain("tok-3f9a");
    } finally {
      await a.close();
      await srv.close();
    }
  });

  it("a 4xx other than 429 is not retried: one try, audited with its status", async () => {
    const srv = await startWebhookServer(() => ({ status: 404, body: { ok: false } }));
    const a = alertsOn(dbPath(), { ...FAST, webhooks: [{ name: "gone", format: "telegram", urlEnv: "U", chatId: 42 }] }, { U: `${srv.origin}/botX/sendMessage` });
    try {
      trip(a.bus);
      await srv.until(1);
      await a.queue().idle();
      expect(srv.seen).toHaveLength(1);
      expect(auditRows(a.db, "alert_failed").map((r) => r.detail)).toEqual([{ webhook: "gone", kind: "breaker", alerts: 1, attempts: 1, status: 404 }]);
    } finally {
      await a.close();
      await srv.close();
    }
  });

  it("a refused connection is retried, then given up with the network error (no URL in it)", async () => {
    const srv = await startWebhookServer();
    const origin = srv.origin;
    await srv.close(); // nothing listens there any more
    const a = alertsOn(dbPath(), { ...FAST, webhooks: [{ name: "down", format: "slack", urlEnv: "U" }] }, { U: `${origin}/hook/secret-path` });
    try {
      trip(a.bus);
      await a.bus.idle();
      await a.queue().idle();
      const [row] = auditRows(a.db, "alert_failed");
      expect(row?.detail).toMatchObject({ webhook: "down", attempts: 3, error: expect.stringMatching(/refused/) });
      expect(row?.raw).not.toContain("secret-path");
    } finally {
      await a.close();
    }
  });

  it("a webhook whose URL variable is not set is a config error naming it, not a silent no-op", () => {
    expect(() => alertsOn(dbPath(), { webhooks: [{ name: "ops", format: "slack", urlEnv: "POLYFLOOR_ALERT_SLACK_URL" }] }, {})).toThrow(ConfigError);
    expect(() => alertsOn(dbPath(), { webhooks: [{ name: "ops", format: "slack", urlEnv: "POLYFLOOR_ALERT_SLACK_URL" }] }, {})).toThrow(/alerts\.webhooks\.0\.urlEnv: POLYFLOOR_ALERT_SLACK_URL is not set/);
    expect(() => alertsOn(dbPath(), { webhooks: [{ name: "ops", format: "slack", urlEnv: "U" }] }, { U: "hooks.slack.com/xyz-secret" })).toThrow(/U does not hold an http:\/\/ or https:\/\/ URL \(its value is not shown\)$/);
  });
});

describe("rate limiting", () => {
  it("a burst of 20 against a bucket of 3: 3 sent at once, then one message counting the other 17", async () => {
    const srv = await startWebhookServer();
    // A token a second: the three sent at once are answered well within it on a loaded machine, then the rest wait for the next token.
    const a = alertsOn(dbPath(), { ...FAST, webhooks: [{ name: "w", format: "slack", urlEnv: "U", burst: 3, perMinute: 60 }] }, { U: `${srv.origin}/hook` });
    try {
      for (let i = 0; i < 20; i++) trip(a.bus, i);
      await a.bus.idle();
      await srv.until(4);
      await a.queue().idle();
      const texts = srv.seen.map((s) => String(s.body.text));
      expect(texts).toHaveLength(4);
      expect(texts.slice(0, 3)).toEqual([0, 1, 2].map((i) => `polyfloor\n[2026-01-01 00:00:0${i} UTC] Circuit breaker dailyLoss tripped: the floor is halted. daily loss ${i}`));
      const lines = texts[3]!.split("\n");
      expect(lines[0]).toBe("polyfloor: 17 alerts (held back by the rate limit)");
      expect(lines.slice(1).map((l) => l.replace(/^- \[[^\]]+\] .* daily loss /, ""))).toEqual(Array.from({ length: 17 }, (_, i) => String(i + 3)));
      expect(a.queue().counts).toEqual({ sent: 4, attempts: 4, failed: 0, dropped: 0 });
    } finally {
      await a.close();
      await srv.close();
    }
  });
});

describe("a dead webhook", () => {
  const hang = (): WebhookReply => "hang";
  it("never slows the floor: publishing returns at once, the queue stays bounded, the overflow is counted; at the stop the rest is given up and audited", async () => {
    const srv = await startWebhookServer(hang);
    const a = alertsOn(dbPath(), { ...FAST, timeoutMs: 60_000, webhooks: [{ name: "dead", format: "slack", urlEnv: "U", queue: 10 }] }, { U: `${srv.origin}/hook` });
    try {
      let returned = 0;
      for (let i = 0; i < 500; i++) {
        trip(a.bus, i);
        returned++;
      }
      await a.bus.idle(); // every handler has run: each only queued
      await srv.until(1);
      expect(returned).toBe(500);
      expect(srv.answered).toBe(0);
      const q = a.queue();
      expect(q.pending).toBeLessThanOrEqual(10);
      // one in flight (hung), the queue full, the rest counted
      expect(q.counts.dropped + q.pending + 1).toBe(500);
      const pendingAtStop = q.pending;
      expect(pendingAtStop).toBeGreaterThanOrEqual(9);
      await a.alerts.stop(); // the grace (200 ms here), then the hung request is aborted and the rest given up
      expect(srv.answered).toBe(0);
      const failed = auditRows(a.db, "alert_failed").map((r) => r.detail);
      expect(failed).toEqual([
        { webhook: "dead", kind: "breaker", alerts: 1, attempts: 1, error: "aborted: the floor stopped" },
        { webhook: "dead", kind: "breaker", alerts: pendingAtStop, attempts: 0, error: "the floor stopped: not sent within the 200 ms grace" },
      ]);
      expect(auditRows(a.db, "alert_dropped").map((r) => r.detail)).toEqual([{ webhook: "dead", dropped: q.counts.dropped, kinds: { breaker: q.counts.dropped }, reported: false }]);
    } finally {
      await a.close();
      await srv.close();
    }
  });

  it("reports what it dropped in the next message that goes out, and audits the count", async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    // The first request is answered only once released: meanwhile the queue (2) fills and overflows.
    const srv = await startWebhookServer(async (n) => {
      if (n === 0) await held;
      return { status: 200 };
    });
    const a = alertsOn(dbPath(), { ...FAST, webhooks: [{ name: "slow", format: "slack", urlEnv: "U", queue: 2, burst: 10 }] }, { U: `${srv.origin}/hook` });
    try {
      trip(a.bus, 0);
      await srv.until(1);
      for (let i = 1; i < 5; i++) trip(a.bus, i);
      await a.bus.idle();
      expect([a.queue().pending, a.queue().counts.dropped]).toEqual([2, 2]);
      release();
      await srv.until(3);
      await a.queue().idle();
      const texts = srv.seen.map((s) => String(s.body.text));
      expect(texts).toEqual([
        `polyfloor\n[2026-01-01 00:00:00 UTC] ${TRIP_LINE}`,
        "polyfloor\n[2026-01-01 00:00:01 UTC] Circuit breaker dailyLoss tripped: the floor is halted. daily loss 1\n2 more alerts were dropped (the queue was full): breaker 2",
        "polyfloor\n[2026-01-01 00:00:02 UTC] Circuit breaker dailyLoss tripped: the floor is halted. daily loss 2",
      ]);
      expect(auditRows(a.db, "alert_dropped").map((r) => r.detail)).toEqual([{ webhook: "slow", dropped: 2, kinds: { breaker: 2 }, reported: true }]);
    } finally {
      await a.close();
      await srv.close();
    }
  });
});

describe("secrets", () => {
  it("a fact whose detail holds secret values and URLs reaches the webhook without them", async () => {
    const srv = await startWebhookServer();
    const key = `0x${"7e".repeat(32)}`;
    const env = { U: `${srv.origin}/hook/T0K3N-in-url`, NATS_TOKEN: "nats-t0ken-value", CLOB_SECRET: "clob-s3cret", POLYMARKET_PRIVATE_KEY: key, MY_SERVICE_API_KEY: "svc-k3y-9" };
    const a = alertsOn(dbPath(), { ...FAST, webhooks: [{ name: "w", format: "slack", urlEnv: "U" }] }, env);
    try {
      publishFact(a.bus, "violation", "violation", {
        rule: "own_cancel", token: "nats-t0ken-value", note: `signed with ${key.slice(2)} then clob-s3cret`, svc: "svc-k3y-9",
        callback: env.U, peer: "nats://user:pw@10.0.0.7:4222",
      });
      await srv.until(1);
      const body = JSON.stringify(srv.seen[0]!.body);
      expect(body).toContain("Violation (violation) reported by boss: rule own_cancel.");
      for (const secret of ["nats-t0ken-value", "clob-s3cret", "7e7e7e7e", "svc-k3y-9", "T0K3N-in-url", "user:pw", srv.origin]) expect(body).not.toContain(secret);
      expect(body).toContain("[redacted]");
      expect(body).toContain("[url]");
    } finally {
      await a.close();
      await srv.close();
    }
  });
});
