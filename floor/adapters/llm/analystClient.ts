import type { Logger } from "../../log/createLogger.ts";
import { netErrorText } from "../../net/index.ts";
import { backoffDelay, retryAfterMs } from "../polymarket/backoff.ts";
import { fetchTransport, type ChatReply, type ChatTransport } from "./chatTransport.ts";
import { DailyBudget, TokenBucket, type DailyBudgetState } from "./limits.ts";
import { chatRequest, ChatCompletionResponse, parseAnswer, type AnalystAnswer, type AnalystFeatures } from "./request.ts";

/** Where the analyst's endpoint is configured: a base URL (or the variable holding it) and the variable holding the key. */
export interface EndpointConfig {
  baseUrl?: string | undefined;
  baseUrlEnv?: string | undefined;
  apiKeyEnv: string;
}

/** The endpoint to call, or undefined when none is configured (the analyst is then off). */
export function resolveEndpoint(c: EndpointConfig, env: Record<string, string | undefined> = process.env): { baseUrl: string; apiKey: string | undefined } | undefined {
  const baseUrl = c.baseUrl || (c.baseUrlEnv ? env[c.baseUrlEnv] : undefined);
  if (!baseUrl) return undefined;
  return { baseUrl, apiKey: env[c.apiKeyEnv] || undefined };
}

export interface AnalystClientOptions {
  baseUrl: string;
  /** Sent as a bearer token; never logged, and scrubbed from every error text. */
  apiKey?: string | undefined;
  model: string;
  /** Each HTTP attempt's limit, wall ms. */
  timeoutMs: number;
  /** Calls a minute (a token bucket on the wall clock); retries of a call do not take another. */
  maxCallsPerMin: number;
  /** Tokens a UTC day of floor time (`usage.total_tokens`). */
  dailyTokenBudget: number;
  /** Retries after a 429 or 5xx, honouring Retry-After. */
  maxRetries: number;
  /** The longest wait a Retry-After may ask for; longer, and the call gives up at once. */
  maxRetryWaitMs: number;
  /** The answer's token limit (`max_tokens`). */
  maxAnswerTokens: number;
  /** An answer for a window serves this many floor seconds (0: the window's one call). */
  refreshSec: number;
  log?: Logger | undefined;
  /** Wall clock (rate limit); Date.now by default. */
  wallNow?: () => number;
  /** The wire; `fetch` to {baseUrl}/chat/completions by default. */
  transport?: ChatTransport;
}

export type AskFailure = "budget" | "throttled" | "rateLimited" | "timeout" | "network" | "http" | "malformed" | "invalid";

export type AskResult =
  | { ok: true; answer: AnalystAnswer; cached: boolean; tokens: number }
  | { ok: false; reason: AskFailure; detail: string; status?: number };

export interface AnalystClientState {
  budget: DailyBudgetState;
  cache: { key: string; at: number; answer: AnalystAnswer } | undefined;
}

export interface AnalystClient {
  /**
   * The analyst's answer for window `key` from `features`, asked at floor time `floorNow`: the
   * cached one while it serves, else one call (shared by concurrent asks), within the rate limit
   * and the day's token budget. Never rejects: a failure is a result.
   */
  ask(key: string, features: AnalystFeatures, floorNow: number): Promise<AskResult>;
  tokensUsed(floorNow: number): number;
  save(): AnalystClientState;
  restore(s: AnalystClientState | undefined): void;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The wait a 429 or 5xx asks for, ms: `retry-after-ms` (OpenAI's), else `Retry-After` (seconds or a date); undefined if neither. */
function askedWait(reply: ChatReply, wallNow: number): number | undefined {
  const ms = Number(reply.headers.get("retry-after-ms") ?? NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  return retryAfterMs(reply.headers.get("retry-after"), wallNow, Number.POSITIVE_INFINITY);
}

/** A thin client for an OpenAI-compatible chat-completions endpoint that asks for an `AnalystAnswer`. */
export function analystClient(o: AnalystClientOptions): AnalystClient {
  const wallNow = o.wallNow ?? Date.now;
  const transport = o.transport ?? fetchTransport(o.baseUrl, o.apiKey);
  const bucket = new TokenBucket(o.maxCallsPerMin, wallNow);
  const budget = new DailyBudget(o.dailyTokenBudget);
  const key = o.apiKey;
  /** No text leaves this client with the key in it (a server may echo what it was sent). */
  const scrub = (s: string): string => (key ? s.split(key).join("[redacted]") : s);
  let cache: AnalystClientState["cache"];
  let inflight: { key: string; result: Promise<AskResult> } | undefined;

  function fail(window: string, reason: AskFailure, detail: string, status?: number): AskResult {
    const clean = scrub(detail);
    // Our own limits say so quietly; what the server or the wire did is a warning.
    const level = reason === "throttled" || reason === "budget" ? "info" : "warn";
    o.log?.[level]({ window, reason, ...(status !== undefined ? { status } : {}), detail: clean }, "llm analyst: no answer");
    return { ok: false, reason, detail: clean, ...(status !== undefined ? { status } : {}) };
  }

  /** One HTTP attempt within the timeout. */
  async function attempt(body: ReturnType<typeof chatRequest>): Promise<{ reply: ChatReply } | { timeout: true } | { error: string }> {
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(), o.timeoutMs);
    try {
      return { reply: await transport(body, ctl.signal) };
    } catch (err) {
      return ctl.signal.aborted ? { timeout: true } : { error: netErrorText(err) };
    } finally {
      clearTimeout(timer);
    }
  }

  async function call(window: string, features: AnalystFeatures, floorNow: number): Promise<AskResult> {
    const body = chatRequest(o.model, features, o.maxAnswerTokens);
    // What a call may cost when the server does not say: the prompt (~4 characters a token) and the whole answer.
    const estimate = Math.ceil(body.messages.reduce((n, m) => n + m.content.length, 0) / 4) + o.maxAnswerTokens;
    const started = wallNow();
    for (let i = 0; ; i++) {
      const r = await attempt(body);
      if ("timeout" in r) {
        budget.charge(floorNow, estimate); // the server may have spent it
        return fail(window, "timeout", `no answer within ${o.timeoutMs} ms`);
      }
      if ("error" in r) return fail(window, "network", r.error);
      const { reply } = r;
      if (reply.status >= 200 && reply.status < 300) {
        let json: unknown;
        try {
          json = JSON.parse(reply.text);
        } catch {
          budget.charge(floorNow, estimate);
          return fail(window, "malformed", "the response body is not JSON", reply.status);
        }
        const res = ChatCompletionResponse.safeParse(json);
        const tokens = res.success ? (res.data.usage?.total_tokens ?? estimate) : estimate;
        budget.charge(floorNow, tokens);
        if (!res.success) return fail(window, "malformed", "the response is not a chat completion", reply.status);
        const parsed = parseAnswer(res.data.choices[0]!.message.content);
        if (!parsed.ok) return fail(window, parsed.reason, parsed.detail, reply.status);
        cache = { key: window, at: floorNow, answer: parsed.answer };
        o.log?.debug({ window, pUp: parsed.answer.pUp, tokens, ms: wallNow() - started, attempts: i + 1 }, "llm analyst: answer");
        return { ok: true, answer: parsed.answer, cached: false, tokens };
      }
      const retryable = reply.status === 429 || reply.status >= 500;
      const why = `HTTP ${reply.status}${errorText(reply.text)}`;
      if (!retryable) return fail(window, "http", why, reply.status);
      const reason: AskFailure = reply.status === 429 ? "rateLimited" : "http";
      if (i >= o.maxRetries) return fail(window, reason, `${why} (gave up after ${i + 1} attempts)`, reply.status);
      const asked = askedWait(reply, wallNow());
      if (asked !== undefined && asked > o.maxRetryWaitMs) return fail(window, reason, `${why}: asked to wait ${Math.round(asked)} ms, more than ${o.maxRetryWaitMs}`, reply.status);
      await sleep(asked ?? backoffDelay(i, { minMs: 500, maxMs: o.maxRetryWaitMs }));
    }
  }

  return {
    ask(window, features, floorNow) {
      const c = cache;
      if (c && c.key === window && (o.refreshSec === 0 || floorNow - c.at < o.refreshSec * 1000)) return Promise.resolve({ ok: true, answer: c.answer, cached: true, tokens: 0 });
      if (inflight?.key === window) return inflight.result;
      if (!budget.allows(floorNow)) return Promise.resolve(fail(window, "budget", `the day's ${o.dailyTokenBudget} tokens are spent`));
      if (!bucket.take()) return Promise.resolve(fail(window, "throttled", `more than ${o.maxCallsPerMin} calls a minute`));
      const result = call(window, features, floorNow).catch((err: unknown) => fail(window, "network", err instanceof Error ? err.message : String(err)));
      const mine = { key: window, result };
      inflight = mine;
      void result.finally(() => {
        if (inflight === mine) inflight = undefined;
      });
      return result;
    },
    tokensUsed: (floorNow) => budget.usedOn(floorNow),
    save: () => ({ budget: budget.save(), cache: cache && { ...cache, answer: { ...cache.answer } } }),
    restore(s) {
      budget.restore(s?.budget);
      cache = s?.cache && { ...s.cache, answer: { ...s.cache.answer } };
    },
  };
}

/** A server's `{"error": {"message": …}}` (or `{"error": "…"}`), or the start of its body. */
function errorText(body: string): string {
  let text = body;
  try {
    const j = JSON.parse(body) as { error?: unknown };
    const e = j?.error;
    if (typeof e === "string") text = e;
    else if (typeof e === "object" && e !== null && typeof (e as { message?: unknown }).message === "string") text = (e as { message: string }).message;
  } catch {
    /* not JSON: the body as it is */
  }
  const t = text.replace(/\s+/g, " ").trim().slice(0, 200);
  return t ? `: ${t}` : "";
}
