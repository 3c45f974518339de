import type { SeenStore } from "./SeenIds.ts";

/** A message as a subscriber sees it. `data` is the JSON text the publisher sent. */
export interface BusMsg {
  readonly subject: string;
  readonly data: string;
  /** Reply subject when the sender used `request`. */
  readonly reply?: string;
  /** Answer a request (no-op when there is no reply subject). */
  respond(data: string): void;
  /** What the publisher had written and read of the floor's state when it sent this (PublishOptions.after). */
  readonly after?: string;
}

export interface PublishOptions {
  /**
   * A causal mark carried to every subscriber (on NATS in a header): a split floor's role stamps
   * each message with its state-journal positions (floor/replica/journalMarks.ts), so a receiver
   * can wait until its own copy of the state has what the sender had.
   */
  after?: string;
  /**
   * A message this floor may have stored already: sent again after a crash (a durable handling's
   * outputs the stream had not confirmed, SeenEnvelopes.unsent). The stream holding its id is then
   * taken as this very message stored, not as another one under the same id to store apart.
   */
  again?: boolean;
}

/** A subscriber's callback. A returned promise is awaited before the subscription's next message. */
export type Handler = (msg: BusMsg) => void | Promise<void>;

export interface SubscribeOptions {
  /** Queue group: each message goes to one member of the group. */
  queue?: string;
  /**
   * A durable consumer's name, the same on every run (e.g. `exchange-1.order.decision.*`): on
   * NATS the subscription reads the stream through a JetStream durable consumer, so after a
   * restart it resumes after the last message it acknowledged (docs/NATS.md, "Durable
   * subscriptions"). Only for stored subjects (`order.>`, `audit.>`, `state.>`), never with
   * `queue`: anything else throws. The in-process bus, which never loses a delivery, ignores it.
   */
  durable?: string;
  /**
   * Ids already handled, to drop repeats (a message's envelope id; on NATS its `Nats-Msg-Id`):
   * the bus skips a message whose id `has`, and calls `add` once its handler settled and its
   * outputs are stored (again when it acknowledges a repeat). Default on a durable subscription:
   * the latest 10,000 ids in memory. A store that persists, written in the handler's own
   * transaction, makes it hold across a crash (AgentHost gives its durables one: SeenEnvelopes).
   */
  seen?: SeenStore;
}

export interface Subscription {
  readonly subject: string;
  unsubscribe(): void;
}

/** The bus's link to its server, for status lines and the dashboard. */
export interface BusHealth {
  /** The in-process bus is always connected. */
  state: "connected" | "reconnecting";
  /** Wall ms of the last change of state (of the connection, when none). */
  since: number;
  disconnects: number;
  reconnects: number;
  lastError?: string;
}

/**
 * The floor's message bus. Subjects use NATS syntax: `.`-separated tokens, `*` matches one
 * token and `>` one or more (last token only). Messages on one subject reach a subscriber in
 * publish order. Two implementations: `LocalBus` (in-process, deterministic) and `NatsBus`.
 */
/** An operation the NATS server refused this connection: a publish or subscribe outside its user's permissions. */
export interface BusViolation {
  operation: "publish" | "subscription";
  /** Relative to the bus prefix. */
  subject: string;
}

export interface Bus {
  readonly kind: "local" | "nats";
  /** Human-readable description for the start banner, e.g. "in-process" or "nats://127.0.0.1:4222". */
  readonly description: string;
  /** Connected or reconnecting, since when, with counts. */
  readonly health: Readonly<BusHealth>;
  publish(subject: string, data: string, opts?: PublishOptions): void;
  subscribe(subject: string, handler: Handler, opts?: SubscribeOptions): Subscription;
  /** Send and wait for one reply. Rejects at once with `NoRespondersError` when nobody listens, `TimeoutError` on timeout. */
  request(subject: string, data: string, opts?: { timeoutMs?: number }): Promise<BusMsg>;
  /**
   * Resolves once every message published through this bus instance to its own subscribers
   * has been handled (including the messages those handlers published). The simulated clock
   * waits on this before it advances, which keeps sim runs in lock step.
   */
  idle(): Promise<void>;
  /** Handle what is in flight, then close. */
  drain(): Promise<void>;
  /** Close at once; pending messages may be dropped. Idempotent. */
  close(): Promise<void>;
  /**
   * False only when nothing anywhere can receive a message on `subject` (the in-process bus with no
   * matching subscription), so a sender may skip building it; a bus that cannot know omits it.
   */
  interested?(subject: string): boolean;
  /** True once every durable subscription has read and acknowledged all the stream holds for it (false after `timeoutMs`); absent on a bus without durables. */
  caughtUp?(timeoutMs?: number): Promise<boolean>;
  /** True once no durable consumer on the stream, any process's, holds a message unread or unacknowledged (false after `timeoutMs`); absent on a bus without durables. */
  streamQuiet?(timeoutMs?: number): Promise<boolean>;
  /**
   * Every message the stream keeps on `subjectFilter` (wildcards allowed), oldest first; absent on a
   * bus that keeps nothing. With `from` (a subject without wildcards), only from the first message
   * it accepts on: `from` must hold from some message on to the last, and is asked of few of them.
   */
  streamMessages?(subjectFilter: string, opts?: { from?: (data: string) => boolean }): Promise<ReadonlyArray<{ subject: string; data: string }>>;
  /** The last message the stream keeps on `subject` (no wildcards), undefined when none; absent on a bus that keeps nothing. */
  lastStored?(subject: string): Promise<string | undefined>;
  /** Remove durable consumer `name` (what `subscribe(…, { durable: name })` made) for good; false when there was none. */
  deleteDurable?(name: string): Promise<boolean>;
  /** The durable names (`<agentId>.<pattern>`, `#n` for a repeat) of agent `agentId` whose consumers the server holds; absent on a bus that keeps nothing. */
  durablesOf?(agentId: string): Promise<string[]>;
  /** NATS only: `fn` hears every operation the server refuses, those before it was set included. Returns the unsubscribe. */
  onViolation?(fn: (v: BusViolation) => void): () => void;
}

export class NoRespondersError extends Error {
  readonly code = "NO_RESPONDERS" as const;
  constructor(subject: string) {
    super(`no responders for ${subject}`);
  }
}

export class RequestTimeoutError extends Error {
  readonly code = "TIMEOUT" as const;
  constructor(subject: string, ms: number) {
    super(`request to ${subject} timed out after ${ms} ms`);
  }
}

export class BusClosedError extends Error {
  readonly code = "CLOSED" as const;
  constructor() {
    super("bus is closed");
  }
}
