import { z } from "zod";
import { MICRO, ordered } from "../../../protocols/index.ts";
import { analystClient, resolveEndpoint, utcDay, type AnalystClient, type AnalystClientState, type AskFailure, type ChatTransport } from "../../../floor/adapters/llm/index.ts";
import { createLogger, type Logger } from "../../../floor/log/createLogger.ts";
import { defineStrategy, entryParams, updatable, type MarketData, type View } from "../core/index.ts";

const ENV_NAME = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "an environment variable's name").max(100);
const YEAR_SEC = 365 * 86_400;

/** Its parameters; `updatable` ones apply to a running trader, the others restart it (they make its client). */
export const LlmAnalystParams = z
  .object({
    /** The model the endpoint serves. */
    model: z.string().min(1).max(200).default("gpt-4o-mini"),
    /** The endpoint's base URL (…/v1); without it, the one in the variable `baseUrlEnv`; without either, the analyst is off. */
    baseUrl: z.url({ protocol: /^https?$/ }).max(500).optional(),
    baseUrlEnv: ENV_NAME.default("OPENAI_BASE_URL"),
    /** The NAME of the variable holding the key (never the key); a local server may want none. */
    apiKeyEnv: ENV_NAME.default("OPENAI_API_KEY"),
    /** Each HTTP attempt's limit, wall ms. */
    timeoutMs: z.number().int().min(500).max(120_000).default(15_000),
    /** Calls a minute at most (wall clock). */
    maxCallsPerMin: z.number().int().min(1).max(600).default(6),
    /** Tokens a UTC day of floor time; once spent it asks nothing until the next day. */
    dailyTokenBudget: z.number().int().min(1_000).max(100_000_000).default(200_000),
    /** Retries after a 429 or 5xx, honouring Retry-After up to `maxRetryWaitSec`. */
    maxRetries: z.number().int().min(0).max(5).default(2),
    maxRetryWaitSec: z.number().int().min(0).max(120).default(30),
    /** The answer's token limit. */
    maxAnswerTokens: z.number().int().min(16).max(4_096).default(150),
    /** Floor seconds between asks in a window (0: one ask a window). */
    refreshSec: z.number().int().min(0).max(900).default(60),
    /** An answer older than this (floor seconds since it was asked) is no longer a belief. */
    maxAgeSec: updatable(z.number().int().min(10).max(3_600).default(180)),
    /** Seconds of spot history behind the realised volatility it reports (sizes its history: a restart). */
    lookbackSec: z.number().int().min(10).max(3_600).default(300),
    /** The underlying's name in the prompt. */
    asset: z.string().regex(/^[A-Z0-9]{2,10}$/).default("BTC"),
    ...entryParams({ minEdge: 0.05, kellyFraction: 0.1, entryAfterSec: 60, exitBeforeSec: 60, maxPrice: 0.9, minPrice: 0.1 }),
  })
  .strict()
  .superRefine(ordered(["minPrice", "maxPrice"]));
export type LlmAnalystParams = z.infer<typeof LlmAnalystParams>;

/** What a test (or a host) may put in place of the process's environment, logger and wire. */
export interface LlmAnalystDeps {
  env?: Record<string, string | undefined>;
  log?: Logger;
  transport?: ChatTransport;
  wallNow?: () => number;
}

/**
 * LLM analyst: asks an OpenAI-compatible chat-completions endpoint for its probability that the
 * window resolves Up, with a one-line reason, from the features known now (spot, strike, time
 * left, realised volatility, the book's mid). The answer is checked by zod; the call has a timeout,
 * a rate limit, a daily token budget and a cache per window (floor/adapters/llm). It never blocks:
 * the ask starts from a spot tick once the window's book has come, at most once per `refreshSec`
 * while the window is open, and
 * `pUp` is the latest answer for the window while it is fresh (else none, and no trade). Failures
 * are counted, never thrown. Off unless an endpoint is configured. Its answers land at a floor time
 * that depends on the wall clock, so a sim or replay with it is not deterministic: it is meant for
 * paper and live, and its roster file ships disabled.
 */
export const llmAnalyst = defineStrategy({ name: "llmAnalyst", params: LlmAnalystParams, create: (p) => llmAnalystView(p) });

interface Latest {
  marketId: string;
  at: number;
  pUp: number;
  reason: string;
}

interface AnalystState {
  latest: Latest | undefined;
  asked: number;
  answered: number;
  failures: Partial<Record<AskFailure, number>>;
  pausedDay: number | undefined;
  client: AnalystClientState | undefined;
}

export function llmAnalystView(p: LlmAnalystParams, deps: LlmAnalystDeps = {}): View {
  const endpoint = resolveEndpoint(p, deps.env ?? process.env);
  const client: AnalystClient | undefined = endpoint && analystClient({
    baseUrl: endpoint.baseUrl,
    apiKey: endpoint.apiKey,
    model: p.model,
    timeoutMs: p.timeoutMs,
    maxCallsPerMin: p.maxCallsPerMin,
    dailyTokenBudget: p.dailyTokenBudget,
    maxRetries: p.maxRetries,
    maxRetryWaitMs: p.maxRetryWaitSec * 1000,
    maxAnswerTokens: p.maxAnswerTokens,
    refreshSec: p.refreshSec,
    log: deps.log ?? createLogger({ level: process.env.LOG_LEVEL ?? "warn" }).child({ strategy: "llmAnalyst", model: p.model }),
    ...(deps.transport ? { transport: deps.transport } : {}),
    ...(deps.wallNow ? { wallNow: deps.wallNow } : {}),
  });
  let latest: Latest | undefined;
  /** The last ask: its window and floor time; whether one is under way; the UTC day the budget ran out. */
  let lastAsk: { marketId: string; at: number } | undefined;
  let inflight = false;
  let pausedDay: number | undefined;
  let asked = 0;
  let answered = 0;
  const failures: Partial<Record<AskFailure, number>> = {};

  function features(d: MarketData, now: number) {
    const m = d.market!;
    const variance = d.spot.variancePerSec();
    const b = d.book;
    return {
      asset: p.asset,
      spot: d.spot.last(),
      strike: m.strike,
      secondsLeft: (m.endTs - now) / 1000,
      windowSec: (m.endTs - m.startTs) / 1000,
      realisedVolAnnual: variance ? Math.sqrt(variance * YEAR_SEC) : undefined,
      bookMid: b?.bid !== undefined && b.ask !== undefined ? (b.bid + b.ask) / 2 / MICRO : undefined,
    };
  }

  /**
   * Start an ask if one is due: a client, an open window with its book (the core trades nothing
   * without one, and the mid is in the prompt), none under way, the budget not spent, and
   * `refreshSec` since the last ask in this window.
   */
  function maybeAsk(d: MarketData, now: number): void {
    const m = d.market;
    if (!client || !m || !d.book || now < m.startTs || now >= m.endTs || inflight) return;
    if (pausedDay !== undefined && pausedDay === utcDay(now)) return;
    if (lastAsk?.marketId === m.marketId && (p.refreshSec === 0 || now - lastAsk.at < p.refreshSec * 1000)) return;
    lastAsk = { marketId: m.marketId, at: now };
    inflight = true;
    asked++;
    const marketId = m.marketId;
    client
      .ask(marketId, features(d, now), now)
      .then((r) => {
        if (r.ok) {
          answered++;
          latest = { marketId, at: now, pUp: r.answer.pUp, reason: r.answer.reason };
        } else {
          failures[r.reason] = (failures[r.reason] ?? 0) + 1;
          if (r.reason === "budget") pausedDay = utcDay(now);
        }
      })
      .catch(() => {
        failures.network = (failures.network ?? 0) + 1;
      })
      .finally(() => {
        inflight = false;
      });
  }

  return {
    horizonSec: p.lookbackSec,
    // Asks start from spot ticks (every second or so): a window's first ask waits for its first book.
    onSpot(d, pt) {
      maybeAsk(d, pt.ts);
    },
    /** The latest answer for this window, while fresh. */
    pUp(d, now) {
      const l = latest;
      return l && d.market?.marketId === l.marketId && now - l.at <= p.maxAgeSec * 1000 ? l.pUp : undefined;
    },
    describe: () => ({ configured: client !== undefined, asking: inflight, asked, answered, failures: { ...failures }, latest: latest ? { ...latest } : null, budgetPausedDay: pausedDay ?? null }),
    save: (): AnalystState => ({ latest: latest && { ...latest }, asked, answered, failures: { ...failures }, pausedDay, client: client?.save() }),
    restore(state) {
      const st = state as AnalystState | undefined;
      latest = st?.latest && { ...st.latest };
      asked = st?.asked ?? 0;
      answered = st?.answered ?? 0;
      for (const k of Object.keys(failures) as AskFailure[]) delete failures[k];
      Object.assign(failures, st?.failures ?? {});
      pausedDay = st?.pausedDay ?? undefined;
      client?.restore(st?.client);
    },
  };
}
