import type { LifeVerb } from "../../protocols/index.ts";
import type { AgentOrigin } from "../../state/index.ts";

/** A restart waited for: since when, until when, why, and what was dropped meanwhile. */
export interface HostDown {
  since: number;
  until: number;
  during: string;
  error: string;
  attempt: number;
  dropped: number;
}

/** A host at a quiescent sim step: its message sequence, heartbeat phase, restart record and its agent's `save()`. */
export interface HostCheckpoint {
  machineVersion: string;
  seq: number;
  lastHb: number;
  /** Restarts still inside the intensity window. */
  restarts: number[];
  failed: boolean;
  agent?: unknown;
  /** The backoff's crashes in a row and the last restart (absent in checkpoints from before backoff). */
  backoff?: { attempt: number; lastRestartAt: number };
  /** A restart still waited for. */
  down?: HostDown;
}

/** How a host's start is announced (`floor.life.<verb>`) and registered. */
export interface HostBirth {
  origin?: AgentOrigin;
  /** `spawn` unless the supervisor restarts it with a new configuration (`reconfigured`). */
  verb?: Extract<LifeVerb, "spawn" | "reconfigured">;
  by?: string;
  reason?: string;
  /** The id was retired before: the boss allocates it afresh. */
  reborn?: boolean;
  /** The last message number of the same id's previous host in this run: message ids stay unique across a restart. */
  seq?: number;
}

export interface HostCounters {
  received: number;
  invalid: number;
  /** Handlers and clock hooks that threw (each a crash), and failed ledger writes. */
  handlerErrors: number;
  published: number;
  /** Crashes of any cause: a handler or clock hook that threw, a failed actor, a hang the watchdog caught. */
  crashes: number;
  restarts: number;
  /** Messages that arrived while the agent was down, waiting for its restart: dropped, never queued. */
  dropped: number;
  /** Heartbeats not sent because the agent was stuck. */
  withheld: number;
  /** Publishes and sends of an ended incarnation (its late async work), dropped. */
  fenced: number;
  /** Publishes refused because the subject is outside the agent's kind's rights (protocols/publishRights.ts). */
  refused: number;
}
