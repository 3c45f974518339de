import { Writable } from "node:stream";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { answer, completion, json, startChatServer, type ChatServer } from "../../../tests/helpers/chatServer.ts";
import { createLogger } from "../../../floor/log/createLogger.ts";
import { strategyCore, type Action, type MarketView } from "../core/index.ts";
import { llmAnalyst, LlmAnalystParams, llmAnalystView } from "./llmAnalyst.ts";

const KEY = "sk-test-llm-analyst-KEY-9f8e7d";
const T0 = Date.UTC(2026, 0, 1, 12); // noon UTC, floor time
const DAY = 86_400_000;
const market = (i: number, startTs = T0 + i * 900_000): MarketView => ({
  marketId: `m${i}`, upTokenId: `U${i}`, downTokenId: `D${i}`, strike: 95_000, startTs, endTs: startTs + 900_000,
  fee: { rate: 0.07, exponent: 1, takerOnly: true }, tickSize: 10_000, minSize: 5_000_000,
});
const account = { cash: 1_000_000_000, capital: 1_000_000_000, mode: "trading" as const };
const orders = (a: readonly Action[]) => a.filter((x): x is Extract<Action, { type: "order" }> => x.type === "order").map((x) => x.order);

let srv: ChatServer;
beforeAll(async () => {
  srv = await startChatServer();
});
afterAll(() => srv.close());
beforeEach(() => srv.reset());

/** An analyst on a local chat-completions server (or none), its log captured, with five minutes of spot before T0. */
function analyst(params: Partial<LlmAnalystParams> = {}, env: Record<string, string | undefined> = { OPENAI_API_KEY: KEY }) {
  const lines: string[] = [];
  const log = createLogger({ level: "debug", destination: new Writable({ write: (c: Buffer, _e, done) => (lines.push(c.toString()), done()) }) });
  const p = LlmAnalystParams.parse({ baseUrl: srv.baseUrl, entryAfterSec: 0, exitBeforeSec: 30, ...params });
  const core = strategyCore("llmAnalyst", llmAnalystView(p, { env, log }), p);
  for (let t = T0 - 300_000; t < T0; t += 1000) core.onSpot(95_000 + ((t / 1000) % 7), t);
  const open = (m: MarketView) => {
    core.onMarket(m);
    core.onBook(m.marketId, { bid: 490_000, ask: 500_000, bidSize: 100_000_000, askSize: 100_000_000, ts: m.startTs });
    core.onSpot(95_010, m.startTs); // the next spot tick
  };
  const state = () => core.describe() as { asking: boolean; asked: number; answered: number; failures: Record<string, number>; configured: boolean };
  /** Wait until no ask is under way (the answer, or the failure, has landed). */
  const settled = () => vi.waitFor(() => expect(state().asking).toBe(false), { timeout: 5_000, interval: 5 });
  /** Spot ticks each second over [from, to), letting each ask land before the next tick. */
  const tick = async (from: number, to: number) => {
    for (let t = from; t < to; t += 1000) {
      core.onSpot(95_010, t);
      if (state().asking) await settled();
    }
  };
  return { core, p, open, state, settled, tick, log: () => lines.join("") };
}

describe("llmAnalyst", () => {
  it("never blocks: the ask starts as the window opens (its first spot tick with a book), and its answer is the belief once it lands", async () => {
    srv.script.push(answer(0.7, "spot is above the strike with most of the window left"));
    const a = analyst();
    a.core.onMarket(market(0));
    a.core.onSpot(95_010, T0);
    expect(a.state()).toMatchObject({ asked: 0 }); // no book yet
    a.open(market(0));
    expect(a.state()).toMatchObject({ configured: true, asking: true, asked: 1 });
    expect(a.core.belief(T0 + 1000)).toBeUndefined(); // nothing yet: no belief, no trade
    expect(a.core.decide(T0 + 1000, account)).toEqual([]);
    await a.settled();
    expect(a.core.belief(T0 + 1000)).toEqual({ marketId: "m0", startTs: T0, pUp: 0.7 });
    expect(orders(a.core.decide(T0 + 1000, account))[0]).toMatchObject({ outcome: "Up", price: 500_000, belief: 0.7 });
    const asked = srv.seen[0]!;
    expect(asked.auth).toBe(`Bearer ${KEY}`);
    const prompt = (asked.body.messages as Array<{ content: string }>)[1]!.content;
    for (const s of ["strike_usd: 95000.00", "seconds_left: 900 of a 900-second window", "market_up_price_mid: 0.4950", "realised_vol_annualised: "]) expect(prompt).toContain(s);
    expect(prompt).not.toContain("realised_vol_annualised: unknown");
  });

  it("asks at most once per refreshSec, and only while the window is open", async () => {
    for (let i = 0; i < 10; i++) srv.script.push(answer(0.6, `answer ${i}`));
    const a = analyst({ refreshSec: 60 });
    a.open(market(0));
    await a.settled();
    await a.tick(T0 + 1000, T0 + 150_000); // asks again at 60 s and 120 s
    expect(srv.seen).toHaveLength(3);
    a.core.onMarket(null); // the window closed
    await a.tick(T0 + 150_000, T0 + 400_000);
    expect(srv.seen).toHaveLength(3);
    a.open(market(1)); // the next window asks at its open, whatever the last ask's age
    await a.settled();
    expect(srv.seen).toHaveLength(4);
    await a.tick(T0 + 1_800_000, T0 + 1_900_000); // the spot clock ran past that window's close: no ask
    expect(a.state()).toMatchObject({ asked: 4, answered: 4 });
  });

  it("with refreshSec 0, asks once a window", async () => {
    srv.script.push(answer(0.6, "one"), answer(0.6, "two"));
    const a = analyst({ refreshSec: 0 });
    a.open(market(0));
    await a.settled();
    await a.tick(T0 + 1000, T0 + 880_000);
    expect(srv.seen).toHaveLength(1);
  });

  it("drops an answer once it is older than maxAgeSec, and never lets one serve another window", async () => {
    srv.script.push(answer(0.7, "up"));
    const a = analyst({ maxAgeSec: 180, refreshSec: 600 });
    a.open(market(0));
    await a.settled();
    expect(a.core.belief(T0 + 180_000)?.pUp).toBe(0.7);
    expect(a.core.belief(T0 + 180_001)).toBeUndefined();
    expect(a.core.decide(T0 + 180_001, account)).toEqual([]);
    srv.script.push(answer(0.7, "up"), (_q, res) => setTimeout(() => answer(0.3, "down")(_q, res), 300));
    const b = analyst({ maxAgeSec: 3_600, refreshSec: 600 });
    b.open(market(0));
    await b.settled();
    b.open(market(1));
    expect(b.core.belief(T0 + 900_001)).toBeUndefined(); // m0's answer, fresh as it is, is not m1's; and m1's has not landed
    expect(b.core.decide(T0 + 900_001, account)).toEqual([]);
    await b.settled();
    expect(b.core.belief(T0 + 900_001)?.pUp).toBe(0.3);
  });

  it("counts failures and throws none into the floor: malformed JSON, a schema-invalid answer, an HTTP error, a timeout", async () => {
    srv.script.push(
      json(200, completion("I think Up.", 50)),
      json(200, completion('{"pUp": 1.4, "reason": "very sure"}', 50)),
      json(404, { error: { message: "no such model" } }),
      (_q, res) => setTimeout(() => answer(0.5, "too late")(_q, res), 2_000),
    );
    const a = analyst({ refreshSec: 10, timeoutMs: 500 });
    a.open(market(0));
    await a.settled();
    await a.tick(T0 + 1000, T0 + 40_000);
    expect(a.state()).toMatchObject({ asked: 4, answered: 0, failures: { malformed: 1, invalid: 1, http: 1, timeout: 1 } });
    expect(a.core.belief(T0 + 40_000)).toBeUndefined();
    expect(a.core.decide(T0 + 40_000, account)).toEqual([]);
  });

  it("stops asking once the day's token budget is spent, until the next UTC day of floor time", async () => {
    srv.script.push(answer(0.6, "spent it all", 1_200), answer(0.6, "a new day"));
    const a = analyst({ dailyTokenBudget: 1_000, refreshSec: 60 });
    a.open(market(0));
    await a.settled();
    await a.tick(T0 + 1000, T0 + 300_000); // due again at 60 s: the budget refuses, and it stops asking
    expect(a.state()).toMatchObject({ asked: 2, answered: 1, failures: { budget: 1 } });
    expect(srv.seen).toHaveLength(1);
    a.open(market(1));
    await a.tick(T0 + 900_000, T0 + 1_000_000);
    expect(a.state().asked).toBe(2);
    const midnight = T0 + DAY / 2;
    a.open(market(99, midnight));
    await a.settled();
    expect(a.state()).toMatchObject({ asked: 3, answered: 2 });
    expect(srv.seen).toHaveLength(2);
  });

  it("is off unless an endpoint is configured; the base URL may come from the environment", async () => {
    const off = analyst({ baseUrl: undefined }, { OPENAI_API_KEY: KEY });
    off.open(market(0));
    await off.tick(T0 + 1000, T0 + 120_000);
    expect(off.state()).toMatchObject({ configured: false, asked: 0 });
    expect(off.core.belief(T0 + 120_000)).toBeUndefined();
    expect(srv.seen).toHaveLength(0);
    srv.script.push(answer(0.6, "from env"));
    const fromEnv = analyst({ baseUrl: undefined, baseUrlEnv: "MY_LLM_URL", apiKeyEnv: "MY_LLM_KEY" }, { MY_LLM_URL: srv.baseUrl, MY_LLM_KEY: "local" });
    fromEnv.open(market(0));
    await fromEnv.settled();
    expect(srv.seen[0]?.auth).toBe("Bearer local");
    // The shipped defaults configure nothing.
    expect(LlmAnalystParams.parse({})).toMatchObject({ baseUrlEnv: "OPENAI_BASE_URL", apiKeyEnv: "OPENAI_API_KEY" });
    expect(LlmAnalystParams.parse({}).baseUrl).toBeUndefined();
  });

  it("keeps the key out of its log, its errors, its description and its saved state", async () => {
    srv.script.push((req, res) => json(401, { error: { message: `Incorrect API key provided: ${req.headers.authorization}` } })(req, res));
    const a = analyst();
    a.open(market(0));
    await a.settled();
    await new Promise((r) => setImmediate(r));
    expect(a.state().failures).toEqual({ http: 1 });
    expect(a.log()).toContain("Incorrect API key provided: Bearer [redacted]");
    for (const text of [a.log(), JSON.stringify(a.core.describe()), JSON.stringify(a.core.save())]) expect(text).not.toContain(KEY);
  });

  it("keeps its answer, counts and budget across a save and restore", async () => {
    srv.script.push(answer(0.65, "kept", 900));
    const a = analyst({ dailyTokenBudget: 1_000 });
    a.open(market(0));
    await a.settled();
    const saved = JSON.parse(JSON.stringify(a.core.save())) as unknown;
    const b = analyst({ dailyTokenBudget: 1_000 });
    b.core.restore(saved);
    expect(b.core.belief(T0 + 5_000)?.pUp).toBe(0.65);
    expect(b.state()).toMatchObject({ asked: 1, answered: 1 });
  });

  it("refuses a key in place of a variable's name, and bounds every number", () => {
    expect(LlmAnalystParams.safeParse({ apiKeyEnv: "sk-abc-123" }).success).toBe(false);
    expect(LlmAnalystParams.safeParse({ baseUrl: "ftp://x" }).success).toBe(false);
    expect(LlmAnalystParams.safeParse({ timeoutMs: 10 }).success).toBe(false);
    expect(LlmAnalystParams.safeParse({ dailyTokenBudget: 1e12 }).success).toBe(false);
    expect(llmAnalyst.name).toBe("llmAnalyst");
  });
});
