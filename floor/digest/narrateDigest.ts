import { ChatCompletionResponse, fetchTransport, resolveEndpoint, type ChatTransport } from "../adapters/llm/index.ts";
import { netErrorText } from "../net/index.ts";
import type { DigestConfig } from "../../protocols/index.ts";
import type { DigestDay } from "./DigestDay.ts";
import type { Narrative } from "./Narrative.ts";

const SYSTEM = [
  "You write the short morning narrative of an automated trading floor's day for its owner: at most 200 words, plain prose, no headings, no tables, no markdown.",
  "Say what mattered: the floor's result and how sure it is, which agents helped or hurt, risk events, births and deaths, anything unhealthy.",
  "Use only the facts in the JSON you are given. Quote no number that is not in it, and compute none: the digest prints the numbers itself.",
].join("\n");

const MAX_CHARS = 4000;

export interface NarratorOptions {
  baseUrl: string;
  /** Sent as a bearer token; never logged, never written, scrubbed from every reason given. */
  apiKey?: string | undefined;
  model: string;
  timeoutMs: number;
  maxAnswerTokens: number;
  transport?: ChatTransport;
}

/** The narrator configured for the digest, or undefined when it is off or no endpoint is set (variables from `env`). */
export function narratorOptions(c: DigestConfig["narrative"], env: Record<string, string | undefined>): NarratorOptions | undefined {
  if (!c.enabled) return undefined;
  const at = resolveEndpoint({ baseUrl: c.baseUrl, baseUrlEnv: c.baseUrlEnv, apiKeyEnv: c.apiKeyEnv }, env);
  return at && { ...at, model: c.model, timeoutMs: c.timeoutSec * 1000, maxAnswerTokens: c.maxAnswerTokens };
}

/** What the model is told: the digest's own figures, USD as decimals (never a secret, never a path). */
export function narrativeFacts(d: DigestDay): Record<string, unknown> {
  const usd = (micro: number): number => Math.round(micro / 10_000) / 100;
  return {
    date: d.date,
    floor: { pnlUsd: usd(d.floor.pnl), ci95Usd: d.floor.ci && Number.isFinite(d.floor.ci.lo) ? [usd(Math.round(d.floor.ci.lo)), usd(Math.round(d.floor.ci.hi))] : null, windows: d.floor.windows, equityStartUsd: usd(d.floor.equityStart), equityEndUsd: usd(d.floor.equityEnd), maxDrawdownPct: d.floor.drawdown && Math.round(d.floor.drawdown.max * 10_000) / 100, fills: d.floor.fills, feesUsd: usd(d.floor.fees) },
    agents: d.agents.map((a) => ({ id: a.agentId, strategy: a.strategy, trades: a.figures.trades, pnlUsd: usd(a.figures.pnl), winRate: a.figures.winRate, psr: a.figures.psr, skillVsMarket: a.forecasts.skill?.estimate ?? null })),
    breakers: d.risk.breakers.map((b) => ({ action: b.action, breaker: b.breaker, scope: b.scope, reason: b.reason })),
    refusals: d.risk.refusals.map((g) => ({ reason: g.reason, count: g.count })),
    violations: d.violations.byKind,
    births: d.roster.births.map((b) => ({ agent: b.agentId, reason: b.reason })),
    deaths: d.roster.deaths.map((b) => ({ agent: b.agentId, reason: b.reason })),
    health: Object.fromEntries(Object.entries(d.health).map(([k, l]) => [k, l.total])),
  };
}

/** Ask the model for the day's narrative, once, within the timeout. Never rejects: a failure is a Narrative saying why. */
export async function narrateDigest(d: DigestDay, o: NarratorOptions): Promise<Narrative> {
  const scrub = (s: string): string => (o.apiKey ? s.split(o.apiKey).join("[redacted]") : s);
  const failed = (reason: string): Narrative => ({ ok: false, model: o.model, reason: scrub(reason).slice(0, 200) });
  const transport = o.transport ?? fetchTransport(o.baseUrl, o.apiKey);
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), o.timeoutMs);
  try {
    const reply = await transport({ model: o.model, messages: [{ role: "system", content: SYSTEM }, { role: "user", content: JSON.stringify(narrativeFacts(d)) }], temperature: 0.2, max_tokens: o.maxAnswerTokens }, ctl.signal);
    if (reply.status < 200 || reply.status >= 300) return failed(`HTTP ${reply.status}`);
    let json: unknown;
    try {
      json = JSON.parse(reply.text);
    } catch {
      return failed("the response is not JSON");
    }
    const res = ChatCompletionResponse.safeParse(json);
    const text = res.success ? (res.data.choices[0]!.message.content ?? "").trim() : "";
    if (!res.success) return failed("the response is not a chat completion");
    if (!text) return failed("the answer is empty");
    return { ok: true, model: o.model, text: scrub(text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS - 1)}…` : text) };
  } catch (err) {
    return failed(ctl.signal.aborted ? `no answer within ${o.timeoutMs} ms` : netErrorText(err));
  } finally {
    clearTimeout(timer);
  }
}
