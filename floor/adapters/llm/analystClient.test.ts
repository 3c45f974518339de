import { Writable } from "node:stream";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { answer, completion, json, startChatServer, type ChatReplyScript, type ChatServer } from "../../../tests/helpers/chatServer.ts";
import { createLogger } from "../../log/createLogger.ts";
import { analystClient, resolveEndpoint, type AnalystClientOptions } from "./analystClient.ts";
import { DailyBudget, TokenBucket } from "./limits.ts";
import { chatRequest, parseAnswer, type AnalystFeatures } from "./request.ts";

const KEY = "sk-test-0123456789abcdef-SECRET";
const features: AnalystFeatures = { asset: "BTC", spot: 95_120.5, strike: 95_000, secondsLeft: 420, windowSec: 900, realisedVolAnnual: 0.47, bookMid: 0.62 };
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1, 12); // floor time: noon UTC

let srv: ChatServer;
let baseUrl: string;
beforeAll(async () => {
  srv = await startChatServer();
  baseUrl = srv.baseUrl;
});
afterAll(() => srv.close());
beforeEach(() => srv.reset());
/** The server's script and what it saw. */
const script = (...r: ChatReplyScript[]) => srv.script.push(...r);
const seen = () => srv.seen;

/** Pino output captured, at debug level, as the floor's logger writes it (with its redaction). */
function capture() {
  const lines: string[] = [];
  const destination = new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString()), done()) });
  return { log: createLogger({ level: "debug", destination }), text: () => lines.join("") };
}

function client(over: Partial<AnalystClientOptions> = {}) {
  return analystClient({
    baseUrl, apiKey: KEY, model: "test-model", timeoutMs: 2_000, maxCallsPerMin: 60, dailyTokenBudget: 10_000,
    maxRetries: 2, maxRetryWaitMs: 5_000, maxAnswerTokens: 120, refreshSec: 60, ...over,
  });
}

describe("the request and the answer", () => {
  it("asks in JSON mode with a system prompt and the features known now", () => {
    const r = chatRequest("m", features, 100);
    expect(r).toMatchObject({ model: "m", response_format: { type: "json_object" }, max_tokens: 100, temperature: 0 });
    expect(r.messages.map((x) => x.role)).toEqual(["system", "user"]);
    expect(r.messages[0]!.content).toContain('"pUp"');
    for (const s of ["spot_usd: 95120.50", "strike_usd: 95000.00", "seconds_left: 420 of a 900-second window", "realised_vol_annualised: 0.4700", "market_up_price_mid: 0.6200"]) expect(r.messages[1]!.content).toContain(s);
    expect(chatRequest("m", { ...features, bookMid: undefined }, 100).messages[1]!.content).toContain("market_up_price_mid: unknown");
  });
  it("takes a good answer and refuses malformed JSON or an answer outside its schema", () => {
    expect(parseAnswer('{"pUp":0.7,"reason":"spot above strike"}')).toEqual({ ok: true, answer: { pUp: 0.7, reason: "spot above strike" } });
    expect(parseAnswer("pUp is 0.7")).toMatchObject({ ok: false, reason: "malformed" });
    expect(parseAnswer(null)).toMatchObject({ ok: false, reason: "malformed" });
    expect(parseAnswer('{"pUp":1.3,"reason":"sure"}')).toMatchObject({ ok: false, reason: "invalid", detail: expect.stringContaining("pUp") as string });
    expect(parseAnswer(JSON.stringify({ pUp: 0.5, reason: "x".repeat(201) }))).toMatchObject({ ok: false, reason: "invalid" });
    expect(parseAnswer('{"p":0.5}')).toMatchObject({ ok: false, reason: "invalid" });
  });
  it("is off unless a base URL is configured; the key comes from the named variable", () => {
    expect(resolveEndpoint({ apiKeyEnv: "OPENAI_API_KEY" }, { OPENAI_API_KEY: KEY })).toBeUndefined();
    expect(resolveEndpoint({ baseUrlEnv: "LLM_URL", apiKeyEnv: "OPENAI_API_KEY" }, { OPENAI_API_KEY: KEY })).toBeUndefined();
    expect(resolveEndpoint({ baseUrlEnv: "LLM_URL", apiKeyEnv: "MY_KEY" }, { LLM_URL: "http://x/v1", MY_KEY: KEY })).toEqual({ baseUrl: "http://x/v1", apiKey: KEY });
    expect(resolveEndpoint({ baseUrl: "http://y/v1", apiKeyEnv: "MY_KEY" }, {})).toEqual({ baseUrl: "http://y/v1", apiKey: undefined });
  });
});

describe("the limits", () => {
  it("a token bucket lets a burst through, then refills at its rate", () => {
    let now = 0;
    const b = new TokenBucket(2, () => now);
    expect([b.take(), b.take(), b.take()]).toEqual([true, true, false]);
    now = 29_999;
    expect(b.take()).toBe(false);
    now = 30_000; // 2 a minute: one more every 30 s
    expect([b.take(), b.take()]).toEqual([true, false]);
  });
  it("a daily budget counts tokens per UTC day of the time given, and starts afresh the next day", () => {
    const d = new DailyBudget(1000);
    d.charge(T0, 999);
    expect(d.allows(T0 + 1)).toBe(true);
    d.charge(T0 + 2, 5);
    expect(d.allows(T0 + 3)).toBe(false);
    expect(d.allows(T0 + 12 * 3_600_000 - 1)).toBe(false); // 23:59:59.999 the same day
    expect(d.allows(T0 + 12 * 3_600_000)).toBe(true); // midnight UTC
  });
});

describe("analystClient against a local chat-completions server", () => {
  it("asks once, with the key as a bearer token, and serves the window from its cache until refreshSec has passed", async () => {
    script(answer(0.64, "spot is $120 above the strike with 7 minutes left"), answer(0.7, "later"));
    const c = client({ refreshSec: 60 });
    const first = await c.ask("m1", features, T0);
    expect(first).toEqual({ ok: true, answer: { pUp: 0.64, reason: "spot is $120 above the strike with 7 minutes left" }, cached: false, tokens: 150 });
    expect(seen()).toHaveLength(1);
    expect(seen()[0]).toMatchObject({ url: "/v1/chat/completions", auth: `Bearer ${KEY}`, body: { model: "test-model", response_format: { type: "json_object" } } });
    expect(await c.ask("m1", features, T0 + 59_999)).toMatchObject({ ok: true, cached: true, answer: { pUp: 0.64 } });
    expect(seen()).toHaveLength(1);
    expect(await c.ask("m1", features, T0 + 60_000)).toMatchObject({ ok: true, cached: false, answer: { pUp: 0.7 } });
    expect(c.tokensUsed(T0 + 60_000)).toBe(300);
  });
  it("makes one call per window when refreshSec is 0, and one call for asks that overlap", async () => {
    script(answer(0.55, "one"), answer(0.45, "two"));
    const c = client({ refreshSec: 0 });
    const [a, b] = await Promise.all([c.ask("m1", features, T0), c.ask("m1", features, T0 + 1)]);
    expect(a).toBe(b);
    expect(await c.ask("m1", features, T0 + 800_000)).toMatchObject({ cached: true, answer: { pUp: 0.55 } });
    expect(await c.ask("m2", features, T0 + 900_000)).toMatchObject({ cached: false, answer: { pUp: 0.45 } });
    expect(seen()).toHaveLength(2);
  });
  it("refuses malformed JSON content and a schema-invalid answer, charging their tokens", async () => {
    script(json(200, completion("Up, probably: 0.6", 90)), json(200, completion('{"pUp":"high","reason":"momentum"}', 80)), json(200, "not a completion"), (_q, res) => res.end("<html>"));
    const c = client();
    expect(await c.ask("m1", features, T0)).toMatchObject({ ok: false, reason: "malformed", status: 200 });
    expect(await c.ask("m1", features, T0)).toMatchObject({ ok: false, reason: "invalid", detail: expect.stringContaining("pUp") as string });
    expect(await c.ask("m1", features, T0)).toMatchObject({ ok: false, reason: "malformed" });
    expect(await c.ask("m1", features, T0)).toMatchObject({ ok: false, reason: "malformed" });
    expect(c.tokensUsed(T0)).toBeGreaterThanOrEqual(170 + 2 * 120); // 90 + 80 reported, the last two charged their estimate
  });
  it("retries a 429 after the Retry-After it was given, a bounded number of times", async () => {
    script(json(429, { error: { message: "slow down" } }, { "retry-after": "1" }), answer(0.6, "after the wait"));
    const c = client({ maxRetries: 2 });
    const r = await c.ask("m1", features, T0);
    expect(r).toMatchObject({ ok: true, answer: { pUp: 0.6 } });
    expect(seen()).toHaveLength(2);
    expect(seen()[1]!.at - seen()[0]!.at).toBeGreaterThanOrEqual(950);

    srv.reset();
    script(...[0, 1, 2].map(() => json(429, { error: { message: "slow down" } }, { "retry-after-ms": "20" })));
    const bounded = await c.ask("m2", features, T0);
    expect(bounded).toMatchObject({ ok: false, reason: "rateLimited", status: 429, detail: expect.stringContaining("gave up after 3 attempts") as string });
    expect(seen()).toHaveLength(3);

    srv.reset();
    script(json(429, {}, { "retry-after": "120" }));
    const tooLong = await c.ask("m3", features, T0);
    expect(tooLong).toMatchObject({ ok: false, reason: "rateLimited", detail: expect.stringContaining("asked to wait 120000 ms") as string });
    expect(seen()).toHaveLength(1);
  });
  it("gives up on a server that does not answer within the timeout, and does not retry it", async () => {
    script((_q, res) => setTimeout(() => json(200, completion('{"pUp":0.5,"reason":"late"}', 10))(_q, res), 1_500));
    const c = client({ timeoutMs: 200 });
    const t = Date.now();
    expect(await c.ask("m1", features, T0)).toMatchObject({ ok: false, reason: "timeout" });
    expect(Date.now() - t).toBeLessThan(1_000);
    expect(seen()).toHaveLength(1);
  });
  it("a client error is not retried; a refused connection is a network failure", async () => {
    script(json(400, { error: { message: "model not found" } }));
    expect(await client().ask("m1", features, T0)).toMatchObject({ ok: false, reason: "http", status: 400, detail: "HTTP 400: model not found" });
    expect(seen()).toHaveLength(1);
    const dead = await client({ baseUrl: "http://127.0.0.1:1/v1" }).ask("m1", features, T0);
    expect(dead).toMatchObject({ ok: false, reason: "network" });
  });
  it("stops asking once the day's token budget is spent, until the next UTC day of floor time", async () => {
    script(answer(0.6, "a", 700), answer(0.6, "b", 400), answer(0.6, "c", 100));
    const c = client({ dailyTokenBudget: 1000, refreshSec: 0 });
    expect(await c.ask("m1", features, T0)).toMatchObject({ ok: true });
    expect(await c.ask("m2", features, T0 + 1)).toMatchObject({ ok: true }); // 700 < 1000: this call may start
    expect(await c.ask("m3", features, T0 + 2)).toMatchObject({ ok: false, reason: "budget" }); // 1,100 spent
    expect(seen()).toHaveLength(2);
    const tomorrow = T0 + DAY / 2;
    expect(await c.ask("m4", features, tomorrow)).toMatchObject({ ok: true });
    // The budget survives a restart.
    const again = client({ dailyTokenBudget: 1000, refreshSec: 0 });
    const saved = c.save();
    again.restore(JSON.parse(JSON.stringify(saved)) as typeof saved);
    expect(again.tokensUsed(tomorrow)).toBe(100);
  });
  it("keeps within its call rate: past the bucket, an ask is throttled without a call", async () => {
    script(answer(0.6, "a"), answer(0.6, "b"));
    const c = client({ maxCallsPerMin: 2, refreshSec: 0 });
    await c.ask("m1", features, T0);
    await c.ask("m2", features, T0);
    expect(await c.ask("m3", features, T0)).toMatchObject({ ok: false, reason: "throttled" });
    expect(seen()).toHaveLength(2);
  });
  it("never lets the key reach a log line or an error, even when the server echoes it back", async () => {
    const echo: ChatReplyScript = (req, res) => json(401, { error: { message: `Incorrect API key provided: ${req.headers.authorization}` } })(req, res);
    script(echo, answer(0.6, "fine"), json(500, { error: `boom ${KEY}` }), json(500, { error: `boom ${KEY}` }), json(500, { error: `boom ${KEY}` }));
    const { log, text } = capture();
    const c = client({ log, maxRetries: 2, maxRetryWaitMs: 50 });
    const denied = await c.ask("m1", features, T0);
    expect(denied).toMatchObject({ ok: false, reason: "http", status: 401 });
    expect(await c.ask("m2", features, T0)).toMatchObject({ ok: true });
    const failed = await c.ask("m3", features, T0);
    expect(failed).toMatchObject({ ok: false, reason: "http", status: 500 });
    // Whoever logs the options the client was made with gets them redacted too.
    log.info({ llm: { apiKey: KEY, model: "test-model" } }, "configured");
    await new Promise((r) => setImmediate(r));
    const logged = text();
    expect(logged).toContain("llm analyst: no answer");
    expect(logged).toContain("llm analyst: answer");
    expect(logged).toContain("[redacted]");
    expect(logged).not.toContain(KEY);
    expect(JSON.stringify([denied, failed])).not.toContain(KEY);
    expect(JSON.stringify(c.save())).not.toContain(KEY);
    expect(JSON.stringify(c)).not.toContain(KEY);
  });
});
