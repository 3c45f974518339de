import type { AnyEventObject, AnyStateMachine, EventObject } from "xstate";
import type { z } from "zod";
import { fits, type Family } from "../../protocols/family.ts";
import type { PublisherKind } from "../../protocols/index.ts";
import type { Db } from "../../state/index.ts";
import type { FloorClock } from "../clock/index.ts";
import type { Logger } from "../log/createLogger.ts";
import type { SharedPart } from "./FloorShared.ts";

/** An agent kind: every kind has its publish rights (protocols/publishRights.ts) and a registry entry (agents/kinds.ts). */
export type AgentKind = PublisherKind;

/** What an agent may use of the floor: its clock, the state file, a logger, the bus and its own actor. */
export interface AgentContext {
  readonly id: string;
  readonly kind: AgentKind;
  readonly clock: FloorClock;
  readonly db: Db;
  readonly log: Logger;
  /** Publish `body` on `subject`; the host adds the envelope (v, id, ts, src) and validates it. Returns the message as sent (its JSON), nothing when it was not. */
  publish(subject: string, body: Record<string, unknown>): string | void;
  /** Send an event to this agent's own actor. */
  send(event: AnyEventObject): void;
  /** The actor's current state value, as a dotted string ("trading", "paused"). */
  state(): string;
  /** The actor's current context (what its snapshot restores after a restart). */
  context<T>(): T | undefined;
  /** What the agents of this floor process share under `key` (FloorShared), made by `make` on first use. */
  shared<T extends SharedPart>(key: string, make: () => T): T;
  /** An error the agent caught in its own async work: a failed ledger write stops the floor as a handler's does (returns true). */
  fail(err: unknown, during: string): boolean;
  /**
   * True once this floor process began to stop (a SIGTERM; a sim at its last step): an exchange
   * takes no new order from then on, refusing it as "floor stopping" (docs/OUTAGES.md, "Stopping").
   */
  stopping(): boolean;
}

/** A subscription of an agent: a subject pattern and a handler for messages that passed validation. */
export interface Route {
  readonly pattern: string;
  readonly handle: (msg: unknown, subject: string) => void | Promise<void>;
}

/**
 * Declare a route on a subject family (protocols/families.ts): the host validates each message
 * against the family's schema before calling `fn`, so the message type is the schema's, inferred.
 * `opts.pattern` narrows the subscription (`order.decision.<id>`, `ctl.<id>.*`); it must lie
 * inside the family, so the schema still applies to everything it receives.
 */
export function route<S extends z.ZodType>(family: Family<S>, fn: (msg: z.output<S>, subject: string) => void | Promise<void>, opts?: { pattern: string }): Route {
  const pattern = opts?.pattern ?? family.pattern;
  if (!fits(family.tokens, pattern.split("."))) throw new TypeError(`route pattern ${pattern} is outside its family ${family.pattern}`);
  // The one unchecked step: the host only calls `handle` with a message its family's schema accepted.
  return { pattern, handle: fn as Route["handle"] };
}

/** An agent's parts: its machine (its life), its routes (its data), and optional clock hooks. */
export interface AgentBehaviour {
  readonly machine: AnyStateMachine;
  /** Bump when the machine changes shape; snapshots of another version are not restored. */
  readonly machineVersion: string;
  readonly input?: unknown;
  readonly routes: readonly Route[];
  /** After the actor started and routes are live. */
  onStart?(): void;
  /** On every step of the floor clock (the sim's 1 s step; a timer when live). */
  onTick?(now: number): void;
  /** Take a new configuration in place (only fields its kind marks updatable changed: FileKind.updatable). */
  update?(config: unknown): void;
  /** Before the actor stops; a promise holds the stop until it settles (e.g. cancelling orders at the venue). */
  onStop?(): void | Promise<void>;
  /**
   * What the agent keeps in memory beyond its actor's snapshot and the ledger (random streams,
   * windows, books, queues), taken between two sim steps for an exact resume (docs/RESUME.md).
   * It must change nothing; Maps, Sets and non-finite numbers survive (checkpointJson.ts).
   */
  save?(): unknown;
  /** Put back what `save` returned, before `onStart`: the agent carries on as if it had never stopped. */
  restore?(state: unknown): void;
}

export interface AgentSpec {
  readonly id: string;
  readonly kind: AgentKind;
  readonly parentId?: string;
  /** The agent's validated configuration, recorded in the registry. */
  readonly config: unknown;
  create(ctx: AgentContext): AgentBehaviour;
}

/** Event emitted by agent machines (XState `emit`) to have the host publish a message. */
export interface PublishEmitted extends EventObject {
  type: "publish";
  subject: string;
  body: Record<string, unknown>;
}
