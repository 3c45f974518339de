import { retryJetStream } from "../bus/jetStreamRetry.ts";
import type { Logger } from "../log/createLogger.ts";

/**
 * A JetStream read at a role's start, tried again with backoff while JetStream times out or is
 * electing (a fresh cluster, a failover, a loaded machine), for up to a minute; then it fails naming what.
 */
export function patiently<T>(what: string, log: Logger, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  const stopped = () => signal?.aborted === true;
  const onRetry = (attempt: number, err: Error, delayMs: number) => log.warn({ attempt, err: err.message, delayMs }, `${what} failed; trying again`);
  return retryJetStream(what, fn, { clustered: true, onRetry, stopped });
}
