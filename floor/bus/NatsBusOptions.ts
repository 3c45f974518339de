import type { BusAuth } from "./auth/busAuth.ts";
import type { BusMsg } from "./Bus.ts";
import type { BusViolation } from "./natsConnection.ts";

export interface NatsBusOptions {
  /** `nats://[user:password@|token@]host[:port]` or `tls://…`; a cluster's servers joined by commas. */
  url: string;
  /** Copies JetStream keeps of the floor's stream: 1 on a single server (the default), 3 on a three-node cluster. */
  replicas?: number;
  /** Credentials and TLS (see busAuth); default: only what the URL carries. */
  auth?: BusAuth;
  /** Subject namespace, e.g. "t8f3a." — added on the way out, stripped on the way in. */
  prefix?: string;
  /** Client name shown in the server's monitoring. */
  name?: string;
  onHandlerError?: (err: unknown, msg: BusMsg) => void;
  /** Own deliveries in transit this long are checked against the server; gone ones count as lost. Default 2000. */
  lostGraceMs?: number;
  /** How long an `order.>`/`audit.>` publish waits for the stream's ack before it is sent again. Default 2000. */
  ackTimeoutMs?: number;
  /**
   * A durable subscription's ack wait: a stream message in hand this long without a word from the
   * bus (it sends "in progress" while a handler runs) goes to the durable again. Default 30000.
   */
  durableAckWaitMs?: number;
  /** How long drain() waits for what is in flight, unacknowledged publishes included, before it gives up. Default 10000. */
  drainTimeoutMs?: number;
  /** Where outbox trouble is reported (a refused or renamed publish, unacked ones at close). Default console.error. */
  warn?: (message: string) => void;
  /** The server refused an operation of this connection for lack of permission. Default: `warn`. */
  onViolation?: (v: BusViolation) => void;
}

/** The tunables of NatsBusOptions, defaults filled in. */
export type NatsBusSettings = Required<Pick<NatsBusOptions, "onHandlerError" | "lostGraceMs" | "ackTimeoutMs" | "durableAckWaitMs" | "drainTimeoutMs" | "warn" | "onViolation">>;

/** `opts` with the defaults; the default reporters name the handler's subject or the bus (`description`). */
export function withDefaults(opts: NatsBusOptions, description: string): NatsBusSettings {
  const warn = opts.warn ?? ((message: string) => console.error(`NatsBus ${description}: ${message}`));
  return {
    onHandlerError: opts.onHandlerError ?? ((err, msg) => console.error(`handler for ${msg.subject} failed:`, err)),
    lostGraceMs: opts.lostGraceMs ?? 2000,
    ackTimeoutMs: opts.ackTimeoutMs ?? 2000,
    durableAckWaitMs: opts.durableAckWaitMs ?? 30_000,
    drainTimeoutMs: opts.drainTimeoutMs ?? 10_000,
    warn,
    onViolation: opts.onViolation ?? ((v) => warn(`the server refused ${v.operation} on ${v.subject}: permissions violation`)),
  };
}
