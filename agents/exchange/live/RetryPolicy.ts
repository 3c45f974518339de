/**
 * How long to wait before trying the venue again: after a 425 (engine restarting) an exponential
 * backoff; after a 429 the Retry-After the venue sent (the client drops response headers, so
 * axiosHooks captures it here), else the backoff, capped. Options are read at each use.
 */
import type { LiveExecutorOptions } from "./liveExecutorTypes.ts";

export type RetryOptions = Pick<
  LiveExecutorOptions,
  "backoffInitialMs" | "backoffMaxMs" | "maxNotReadyRetries" | "maxRateLimitRetries" | "maxRetryAfterMs"
>;

export class RetryPolicy {
  private lastRetryAfterMs: number | undefined;

  constructor(
    private readonly opts: RetryOptions,
    readonly sleep: (ms: number) => Promise<void>,
  ) {}

  /** 425 retries allowed per call. */
  get maxNotReady(): number {
    return this.opts.maxNotReadyRetries ?? 8;
  }

  /** 429 retries allowed per call. */
  get maxRateLimited(): number {
    return this.opts.maxRateLimitRetries ?? 5;
  }

  /** A 429's Retry-After, used by the next rate-limit wait (once). */
  noteRetryAfter(ms: number): void {
    this.lastRetryAfterMs = ms;
  }

  backoffMs(attempt: number): number {
    const first = this.opts.backoffInitialMs ?? 1000;
    return Math.min(first * 2 ** (attempt - 1), this.opts.backoffMaxMs ?? 30_000);
  }

  retryAfterMs(attempt: number): number {
    const ra = this.lastRetryAfterMs;
    this.lastRetryAfterMs = undefined;
    const wait = ra ?? this.backoffMs(attempt);
    return Math.min(wait, this.opts.maxRetryAfterMs ?? 60_000);
  }

  /** Sit out the backoff before retry number `attempt`. */
  backoff(attempt: number): Promise<void> {
    return this.sleep(this.backoffMs(attempt));
  }

  /** Sit out the rate limit before retry number `attempt`. */
  rateLimitWait(attempt: number): Promise<void> {
    return this.sleep(this.retryAfterMs(attempt));
  }
}

/** Retry-After: delta-seconds or an HTTP date. */
export function parseRetryAfter(v: unknown): number | undefined {
  if (v === undefined || v === null) return undefined;
  const s = String(v).trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
  const at = Date.parse(s);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
