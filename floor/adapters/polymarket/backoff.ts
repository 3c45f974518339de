export interface BackoffOptions {
  /** First delay (ms). */
  minMs: number;
  /** Cap (ms). */
  maxMs: number;
}

/** Capped exponential backoff: attempt 0 waits `minMs`, each further attempt doubles, never above `maxMs`. */
export function backoffDelay(attempt: number, { minMs, maxMs }: BackoffOptions): number {
  const exp = Math.min(Math.max(0, Math.floor(attempt)), 30);
  return Math.min(maxMs, minMs * 2 ** exp);
}

/**
 * The delay a server asked for in `Retry-After` (seconds or an HTTP date), in ms, capped;
 * undefined when absent or unreadable.
 */
export function retryAfterMs(header: string | null, nowMs: number, capMs: number): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.min(capMs, Math.round(Number(text) * 1000));
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.min(capMs, Math.max(0, at - nowMs));
}
