import type { Rng } from "../random/createRng.ts";
import type { DeliverySettings } from "./AlertTarget.ts";
import { backoffDelay } from "./backoffDelay.ts";
import type { PostFn } from "./postWebhook.ts";
import { sleep } from "./sleep.ts";
import { verdictOf } from "./verdictOf.ts";

/** The last answer of a message that did not go: an HTTP status, or why there was none. */
export type LastAnswer = { status: number } | { error: string };

export type SendOutcome = { sent: true; attempts: number } | { sent: false; attempts: number; last: LastAnswer };

/**
 * POST one message body, retrying network errors, timeouts, 5xx and 429 up to `attempts` tries:
 * the wait is the 429's Retry-After when it gave one, else the jittered backoff. Any other status
 * is final. Stops trying once `signal` aborts (the floor stopping).
 */
export async function sendWithRetries(post: PostFn, url: string, body: string, d: DeliverySettings, rng: Rng, signal: AbortSignal, onAttempt: () => void): Promise<SendOutcome> {
  for (let attempt = 1; ; attempt++) {
    onAttempt();
    const r = await post(url, body, d.timeoutMs, signal);
    const verdict = "status" in r ? verdictOf(r.status) : "retry";
    if (verdict === "delivered") return { sent: true, attempts: attempt };
    if (verdict === "refused" || attempt >= d.attempts || signal.aborted) return { sent: false, attempts: attempt, last: "status" in r ? { status: r.status } : { error: r.error } };
    await sleep("status" in r && r.retryAfterMs !== undefined ? r.retryAfterMs : backoffDelay(attempt, d, rng.next()), signal);
  }
}
