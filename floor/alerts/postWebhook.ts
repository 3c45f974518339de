import { netErrorText } from "../net/index.ts";
import { retryAfterMs } from "./backoffDelay.ts";

/** One try's outcome: the status the webhook answered (with how long it asked us to wait), or why there was none. */
export type PostResult = { status: number; retryAfterMs?: number } | { error: string };

/** One HTTP POST of a JSON body; never throws. */
export type PostFn = (url: string, body: string, timeoutMs: number, signal: AbortSignal) => Promise<PostResult>;

/** Discord (`retry_after`) and Telegram (`parameters.retry_after`) also say in their 429 body how many seconds to wait. */
function bodyRetryAfter(text: string): number | undefined {
  try {
    const j = JSON.parse(text) as { retry_after?: unknown; parameters?: { retry_after?: unknown } };
    const s = j.retry_after ?? j.parameters?.retry_after;
    return typeof s === "number" && s >= 0 ? retryAfterMs(String(s), 0) : undefined;
  } catch {
    return undefined;
  }
}

/** Why a fetch got no answer, in words (never the URL: it holds the webhook's token). */
function failure(e: unknown, timeoutMs: number): string {
  const name = (e as { name?: unknown } | null)?.name;
  if (name === "TimeoutError") return `no answer within ${timeoutMs} ms`;
  if (name === "AbortError") return "aborted: the floor stopped";
  return netErrorText(e);
}

/**
 * POST `body` to `url` with Node's fetch, at most `timeoutMs` of wall time, or until `signal`
 * aborts (the floor stopping). A 429's wait comes from Retry-After, else from its JSON body.
 */
export const postWebhook: PostFn = async (url, body, timeoutMs, signal) => {
  try {
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body, signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) });
    const text = await res.text().catch(() => "");
    const wait = res.status === 429 ? (retryAfterMs(res.headers.get("retry-after"), Date.now()) ?? bodyRetryAfter(text)) : undefined;
    return { status: res.status, ...(wait !== undefined ? { retryAfterMs: wait } : {}) };
  } catch (e) {
    return { error: failure(e, timeoutMs) };
  }
};
