/** How long to wait before retry number `attempt` (1 = the wait after the first failure). */
export interface BackoffSettings {
  backoffMs: number;
  backoffMaxMs: number;
}

/**
 * Exponential backoff with "equal jitter": the cap `backoffMs × 2^(attempt−1)` (at most
 * `backoffMaxMs`), of which half is always waited and half drawn from `u` (uniform in [0, 1)),
 * so retries of many webhooks after one outage do not arrive in step.
 */
export function backoffDelay(attempt: number, s: BackoffSettings, u: number): number {
  const cap = Math.min(s.backoffMaxMs, s.backoffMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(cap / 2 + (cap / 2) * u);
}

/** The most a Retry-After may hold a webhook's queue: a server asking for longer is waited on this long. */
export const MAX_RETRY_AFTER_MS = 600_000;

/**
 * A Retry-After header in ms from `now`: delay-seconds ("120") or an HTTP-date; undefined when
 * absent or unreadable. A date in the past is 0; more than MAX_RETRY_AFTER_MS is cut to it.
 */
export function retryAfterMs(header: string | null | undefined, now: number): number | undefined {
  if (header === null || header === undefined || header.trim() === "") return undefined;
  const text = header.trim();
  // An HTTP-date names its day and month: a bare "-5" is no date, whatever Date.parse makes of it.
  const ms = /^\d+(\.\d+)?$/.test(text) ? Number(text) * 1000 : /[a-z]{3}/i.test(text) ? Date.parse(text) - now : NaN;
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, Math.round(ms)));
}
