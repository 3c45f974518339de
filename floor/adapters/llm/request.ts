import { z } from "zod";

/** What the analyst is told: only features known at decision time, numbers only (nothing a market could inject). */
export interface AnalystFeatures {
  /** Underlying, e.g. "BTC". */
  asset: string;
  /** Spot now, USD. */
  spot: number;
  /** The window's strike (its opening price), USD. */
  strike: number;
  /** Seconds until the window closes. */
  secondsLeft: number;
  /** The window's length, seconds. */
  windowSec: number;
  /** Realised volatility of spot, annualised (undefined before enough history). */
  realisedVolAnnual: number | undefined;
  /** The Up token's book mid, as a probability (undefined with no two-sided book). */
  bookMid: number | undefined;
}

/** The answer the model must give: its probability that the window resolves Up, and one line why. */
export const AnalystAnswer = z.object({
  pUp: z.number().min(0).max(1),
  reason: z.string().min(1).max(200),
});
export type AnalystAnswer = z.infer<typeof AnalystAnswer>;

/** The part of a chat-completions response the client reads. */
export const ChatCompletionResponse = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().nullable() }) })).min(1),
  usage: z.object({ total_tokens: z.number().int().nonnegative() }).optional(),
});

export const SYSTEM_PROMPT = [
  "You forecast Polymarket's short-dated 'Bitcoin Up or Down' binary markets.",
  "A window resolves Up when the underlying's price at the close is at least the strike (its price at the open), else Down.",
  "You are given only what is known now. Answer with a JSON object and nothing else:",
  '{"pUp": <your probability that the window resolves Up, a number from 0 to 1>, "reason": "<one line, at most 200 characters>"}',
].join("\n");

const fmt = (x: number | undefined, digits: number): string => (x === undefined || !Number.isFinite(x) ? "unknown" : x.toFixed(digits));

/** The user message: the features, one per line. */
export function userPrompt(f: AnalystFeatures): string {
  return [
    `asset: ${f.asset.replace(/[^A-Za-z0-9]/g, "").slice(0, 10)}`,
    `spot_usd: ${fmt(f.spot, 2)}`,
    `strike_usd: ${fmt(f.strike, 2)}`,
    `spot_minus_strike_usd: ${fmt(f.spot - f.strike, 2)}`,
    `seconds_left: ${fmt(f.secondsLeft, 0)} of a ${fmt(f.windowSec, 0)}-second window`,
    `realised_vol_annualised: ${fmt(f.realisedVolAnnual, 4)}`,
    `market_up_price_mid: ${fmt(f.bookMid, 4)}`,
  ].join("\n");
}

/** The chat-completions request body (POST {baseURL}/chat/completions), JSON mode. */
export function chatRequest(model: string, f: AnalystFeatures, maxTokens: number) {
  return {
    model,
    messages: [
      { role: "system" as const, content: SYSTEM_PROMPT },
      { role: "user" as const, content: userPrompt(f) },
    ],
    response_format: { type: "json_object" as const },
    temperature: 0,
    max_tokens: maxTokens,
  };
}
export type ChatRequest = ReturnType<typeof chatRequest>;

/** What went wrong with an answer, or the answer. */
export type ParsedAnswer = { ok: true; answer: AnalystAnswer } | { ok: false; reason: "malformed" | "invalid"; detail: string };

/** The model's message content, parsed as JSON and checked against the answer's schema. */
export function parseAnswer(content: string | null): ParsedAnswer {
  if (content === null) return { ok: false, reason: "malformed", detail: "the answer has no content" };
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    return { ok: false, reason: "malformed", detail: `the answer is not JSON: ${JSON.stringify(content.slice(0, 80))}` };
  }
  const r = AnalystAnswer.safeParse(json);
  if (!r.success) return { ok: false, reason: "invalid", detail: r.error.issues.map((i) => `${i.path.join(".") || "answer"}: ${i.message}`).join("; ").slice(0, 200) };
  return { ok: true, answer: r.data };
}
