/**
 * Venue calls that are safe to repeat (reads, signing, cancels), retried as the venue asks:
 * 425 → backoff, 429 → Retry-After, 403 geoblock → halt and no retry. Order posts are not made
 * through here: a post whose outcome is unknown must be reconciled before it goes again.
 */
import { ApiError } from "@polymarket/clob-client-v2";
import { classifyError, VenueError, type GeoblockedError } from "./errors.ts";
import type { RetryPolicy } from "./RetryPolicy.ts";

/** Run `op`, retrying; `retryUnknown` also retries timeouts/5xx (twice), for cancels. */
export type VenueCall = <T>(label: string, op: () => Promise<T>, retryUnknown?: boolean) => Promise<T>;

export interface VenueCallHooks {
  policy: RetryPolicy;
  /** The halt in force, if any: once halted no call is made. */
  halted: () => GeoblockedError | undefined;
  /** Geoblocked on `endpoint`: halt trading, and return the halt error to throw. */
  halt: (endpoint: string) => GeoblockedError;
  /** A 425: the engine is restarting. */
  notReady: () => void;
}

export function venueCall(h: VenueCallHooks): VenueCall {
  return async <T>(label: string, op: () => Promise<T>, retryUnknown = false): Promise<T> => {
    let notReady = 0;
    let limited = 0;
    let unknown = 0;
    for (;;) {
      const halted = h.halted();
      if (halted) throw halted;
      try {
        return await op();
      } catch (e) {
        const c = classifyError(e);
        if (c.kind === "geoblocked") throw h.halt(label);
        if (c.kind === "not_ready") h.notReady();
        if (c.kind === "not_ready" && ++notReady <= h.policy.maxNotReady) {
          await h.policy.backoff(notReady);
          continue;
        }
        if (c.kind === "rate_limited" && ++limited <= h.policy.maxRateLimited) {
          await h.policy.rateLimitWait(limited);
          continue;
        }
        if (retryUnknown && c.kind === "unknown_outcome" && ++unknown <= 2) {
          await h.policy.backoff(unknown);
          continue;
        }
        if (e instanceof ApiError) throw new VenueError(`${label}: ${c.message}`, c.status, c.kind);
        throw e;
      }
    }
  };
}
