import { JetStreamApiError } from "@nats-io/jetstream";
import { TimeoutError } from "@nats-io/transport-node";

/** How long a start-up JetStream request is tried again by default: a cluster elects its leaders well within it. */
export const JETSTREAM_RETRY_BUDGET_MS = 60_000;

/** JetStream API codes a cluster answers while it elects leaders or gathers its peers (nats-server errors.json). */
const ELECTING = new Set([
  10008, // JetStream system temporarily unavailable
  10009, // JetStream cluster can not handle request (not the leader)
  10118, // stream is offline
  10119, // consumer is offline
]);
/** Placement errors: transient on a cluster whose peers are still reporting in, final on a single server. */
const PLACING = new Set([
  10005, // no suitable peers for placement
  10023, // insufficient resources
]);

/**
 * True for an error of a JetStream request that goes away by itself: a timeout (no meta or stream
 * leader yet, a loaded machine), a cluster electing, or (`clustered`) a cluster still gathering its
 * peers. Follows `cause`, since callers wrap the client's errors in messages of their own.
 */
export function transientJetStreamError(err: unknown, clustered: boolean): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof TimeoutError) return true;
    if (e instanceof JetStreamApiError) return ELECTING.has(e.code) || (clustered && PLACING.has(e.code));
    if (e.cause === undefined && /\btime(d ?)?out\b/i.test(e.message)) return true;
  }
  return false;
}

/** The wait before try `attempt + 1` (attempt 1 is the first failure): 250 ms doubling to at most `maxMs`. Pure. */
export function retryDelayMs(attempt: number, baseMs = 250, maxMs = 4000): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

export interface RetryOptions {
  /** Give up once this much wall time has passed since the first try (a try in progress finishes first). */
  budgetMs?: number;
  /** The server is part of a cluster (its INFO names one): placement errors are transient too. */
  clustered?: boolean;
  /** Told of each failed try that will be tried again, and the wait before it. */
  onRetry?(attempt: number, err: Error, delayMs: number): void;
  /** True once trying again is pointless (the process is stopping, the bus closed): the last error is thrown at once. */
  stopped?(): boolean;
}

/**
 * `fn`, a JetStream request made at a start (or a failover), tried again with backoff while it fails
 * transiently (transientJetStreamError), for at most `budgetMs`. Any other error is thrown at once;
 * a transient one that outlasts the budget is thrown as an error naming `what`, the tries and the time.
 */
export async function retryJetStream<T>(what: string, fn: () => Promise<T>, o: RetryOptions = {}): Promise<T> {
  const budget = o.budgetMs ?? JETSTREAM_RETRY_BUDGET_MS;
  const began = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!transientJetStreamError(err, o.clustered === true) || o.stopped?.()) throw err;
      const delay = retryDelayMs(attempt);
      const spent = Date.now() - began;
      if (spent + delay > budget) {
        throw new Error(`${what}: JetStream still failing after ${attempt} tries over ${Math.round(spent / 1000)} s (${(err as Error).message}); is the NATS cluster up, with a JetStream leader elected?`, { cause: err });
      }
      o.onRetry?.(attempt, err as Error, delay);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}
