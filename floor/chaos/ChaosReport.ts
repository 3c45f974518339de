import type { InvariantResult } from "./Invariant.ts";
import type { RoleOutcome } from "./SupervisedRole.ts";

/** One disruption as it happened; wall milliseconds from the SIGKILL. */
export interface DisruptionReport {
  n: number;
  kind: "kill" | "nats-restart";
  /** The role killed, and which of its incarnations. */
  role?: string;
  incarnation?: number;
  /** Floor offset (ms since the run began) it was planned for, and the floor offset when it happened. */
  plannedAtMs: number;
  atMs: number | null;
  /** To the process being back: the new incarnation printing "running", or nats-server accepting connections. */
  backMs: number | null;
  /** To the floor stepping again: the first `floor.clock.step` past the floor time at the kill. */
  steppedMs: number | null;
  /** To trading again: the first `order.event.*` after the floor stepped again; null if none came before the run ended. */
  tradingMs: number | null;
  /** Why it was not carried out (the run ended first, or the harness gave up). */
  skipped?: string;
}

export interface ChaosCounts {
  orders: number;
  fills: number;
  marketsSettled: number;
  settlements: number;
  auditEntries: number;
  /** Messages the floor's JetStream stream kept on `order.>`. */
  storedOrderMessages: number;
}

export interface ChaosReport {
  ok: boolean;
  seed: number;
  until: string;
  kills: number;
  natsRestarts: number;
  disruptions: DisruptionReport[];
  invariants: InvariantResult[];
  roles: RoleOutcome[];
  counts: ChaosCounts | null;
  /** Floor time the run covered: first and last step seen. */
  floor: { from: string | null; to: string | null; coveredMs: number };
  wallMs: number;
  /** Failures of the run itself (a role that kept dying or exited non-zero, a floor that stopped stepping). */
  problems: string[];
  /** Where the role files and logs are (absent when a successful run's temporary folder was removed). */
  dir?: string;
}
