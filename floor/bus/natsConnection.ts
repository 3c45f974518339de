import {
  AuthorizationError,
  ClosedConnectionError,
  DrainingConnectionError,
  PermissionViolationError,
  RequestError,
  TimeoutError,
  type NatsConnection,
} from "@nats-io/transport-node";
import { BusAuthError } from "./auth/BusAuthError.ts";
import { coalescingConnect } from "./coalescingConnect.ts";
import type { BusAuth, BusAuthMethod } from "./auth/busAuth.ts";
import type { BusEndpoint } from "./auth/busEndpoint.ts";
import { BusClosedError, NoRespondersError, RequestTimeoutError, type BusViolation } from "./Bus.ts";
import { retryJetStream } from "./jetStreamRetry.ts";
import { ensureStream, streamNameFor } from "./natsStream.ts";
import { STORED_SUBJECTS } from "./storedSubjects.ts";
import type { OutboxStats } from "./natsOutbox.ts";

export interface ConnectionCounters {
  connected: boolean;
  /** Wall ms of the last disconnect or reconnect (of the connection, before either). */
  since: number;
  disconnects: number;
  reconnects: number;
  lastError?: string;
  /** Operations the server refused for lack of permission (each reported through `onViolation`). */
  violations: number;
}

export type { BusViolation } from "./Bus.ts";

/** Who the bus is on the server, as the status line and `--mode live` need it. */
export interface BusIdentity {
  /** How this connection authenticated ("none": no credentials given). */
  auth: BusAuthMethod;
  /** The server asks every client for credentials (its INFO says auth_required). */
  authRequired: boolean;
  tls: boolean;
}

export interface NatsBusStatus extends ConnectionCounters, BusIdentity {
  /** Own deliveries written off (dropped around a server restart, or taken by a remote queue member). */
  lost: number;
  /** Publishes on `order.>`/`audit.>` waiting for, or retried until, the stream's ack. */
  outbox: OutboxStats;
  /** The server this connection is on now (its server_name, else its id): in a cluster, it changes on failover. */
  server?: string;
}

/**
 * Connect (reconnecting forever once connected) and make sure the floor's JetStream stream exists,
 * trying that again while JetStream answers with a timeout or "unavailable" (a fresh cluster still
 * electing its leaders, six processes creating one R3 stream at once) for up to a minute.
 * Refused credentials, or none where the server wants some, are a BusAuthError naming the URL (without secrets).
 */
export async function openNats(endpoint: BusEndpoint, auth: BusAuth, prefix: string, name: string | undefined, replicas: number, onRetry?: (message: string) => void): Promise<{ nc: NatsConnection; streamSeq: number }> {
  const url = endpoint.display;
  let nc: NatsConnection;
  try {
    nc = await coalescingConnect({
      ...auth.options,
      // No stack captured up front for every request (each JetStream publish is one): 2-3% of a role's CPU.
      noAsyncTraces: true,
      // Every server given; the client also learns the cluster's others from the server, and on losing one reconnects to another.
      servers: [...endpoint.servers],
      name,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
      reconnectJitter: 100,
      waitOnFirstConnect: false,
      timeout: 5000,
    });
  } catch (err) {
    if (err instanceof AuthorizationError) {
      const what = auth.method === "none" ? "no credentials were given (see docs/NATS.md: NATS_USER/NATS_PASSWORD, NATS_TOKEN, NATS_NKEY_SEED or NATS_CREDS)" : `the ${auth.method} credentials${auth.who ? ` of ${auth.who}` : ""} were refused`;
      throw new BusAuthError(`NATS at ${url} refused the connection: ${what}`, { cause: err });
    }
    throw new Error(`cannot connect to NATS at ${url}: ${(err as Error).message}`, { cause: err });
  }
  try {
    const what = `the floor's JetStream stream on ${url}`;
    const retry = { clustered: nc.info?.cluster !== undefined, onRetry: (attempt: number, err: Error, delayMs: number) => onRetry?.(`${what}: try ${attempt} failed (${err.message}); trying again in ${delayMs} ms`) };
    return { nc, streamSeq: await retryJetStream(what, () => ensureFloorStream(nc, prefix, url, replicas), retry) };
  } catch (err) {
    await nc.close().catch(() => undefined);
    throw err;
  }
}

/** Make sure the floor's stream for `prefix` exists with `replicas` copies (again, e.g. after a server came back with an empty store); resolves to its last sequence. */
export function ensureFloorStream(nc: NatsConnection, prefix: string, url: string, replicas: number): Promise<number> {
  return ensureStream(nc, streamNameFor(prefix), STORED_SUBJECTS.map((s) => prefix + s), url, replicas);
}

/** Keep `status` up to date from the client's status events; `onReconnect` runs after each reconnect, `onViolation` on each permission error. */
export async function watchStatus(nc: NatsConnection, status: ConnectionCounters, onReconnect: () => void, onViolation: (e: PermissionViolationError) => void): Promise<void> {
  for await (const s of nc.status()) {
    if (s.type === "error" && s.error instanceof PermissionViolationError) {
      status.violations++;
      onViolation(s.error);
    }
    if (s.type === "disconnect") {
      status.connected = false;
      status.since = Date.now();
      status.disconnects++;
      status.lastError = `lost the connection to ${s.server}`;
    } else if (s.type === "reconnect") {
      status.connected = true;
      status.since = Date.now();
      status.reconnects++;
      onReconnect();
    } else if (s.type === "error") status.lastError = s.error.message;
  }
}

export function mapClosed(err: unknown): unknown {
  return err instanceof ClosedConnectionError || err instanceof DrainingConnectionError ? new BusClosedError() : err;
}

/** v3 rejects a timeout with `TimeoutError`, and no responders with a `RequestError` whose cause says so. */
export function mapRequestError(err: unknown, subject: string, timeoutMs: number): unknown {
  if (err instanceof TimeoutError) return new RequestTimeoutError(subject, timeoutMs);
  if (err instanceof RequestError && err.isNoResponders()) return new NoRespondersError(subject);
  return mapClosed(err);
}
