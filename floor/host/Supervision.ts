import { subjects, type SupervisionConfig } from "../../protocols/index.ts";
import { recordDeath, setAgentState, type Db } from "../../state/index.ts";
import type { FloorClock } from "../clock/index.ts";
import type { Logger } from "../log/createLogger.ts";
import type { AgentSpec } from "./AgentSpec.ts";
import type { HostCheckpoint, HostCounters, HostDown } from "./HostCheckpoint.ts";
import { NO_RESTARTS, type RestartPolicy } from "./RestartPolicy.ts";

interface SupervisionOptions {
  db: Db;
  clock: FloorClock;
  log: Logger;
  spec: AgentSpec;
  limits: SupervisionConfig;
  policy: RestartPolicy;
  /** The host's publish, in the agent's name. */
  publish(subject: string, body: Record<string, unknown>): void;
}

/**
 * One host's crash record and what follows a crash: a restart after the backoff (`down` until
 * then), or, past the restart intensity, the agent failed for good (registry `failed`, its death
 * recorded, `floor.life.failed`). Each decision is an audit fact (`audit.supervision`) with its
 * numbers: the crash, the wait, the restarts in the window and the limits that judged them.
 */
export class Supervision {
  failed = false;
  down: HostDown | undefined;

  constructor(private readonly o: SupervisionOptions) {}

  load(cp: HostCheckpoint): void {
    this.o.policy.load({ times: cp.restarts, attempt: cp.backoff?.attempt ?? 0, lastRestartAt: cp.backoff?.lastRestartAt ?? NO_RESTARTS.lastRestartAt });
    this.failed = cp.failed;
    this.down = cp.down;
  }

  save(): Pick<HostCheckpoint, "restarts" | "failed" | "backoff" | "down"> {
    const r = this.o.policy.save();
    return { restarts: [...r.times], failed: this.failed, ...(r.attempt > 0 ? { backoff: { attempt: r.attempt, lastRestartAt: r.lastRestartAt } } : {}), ...(this.down ? { down: { ...this.down } } : {}) };
  }

  /** A message arrived while the agent was down. */
  dropped(): void {
    if (this.down) this.down.dropped++;
  }

  /** The agent crashed at `now` (its incarnation already ended): restart it later, or fail it. */
  crashed(during: string, err: unknown, now: number): void {
    const { spec, limits, publish } = this.o;
    const error = String(err);
    this.o.log.error({ during, err: error }, "agent crashed");
    publish(subjects.audit("agent_error"), { kind: "agent_error", severity: "error", subject: during, detail: { error } });
    const v = this.o.policy.crash(now);
    const judged = { agentId: spec.id, during, error, attempt: v.attempt, restartsInWindow: v.inWindow, intensity: limits.intensity, periodMs: limits.periodMs };
    if (v.restart) {
      this.down = { since: now, until: v.at, during, error, attempt: v.attempt, dropped: 0 };
      setAgentState(this.o.db, spec.id, "restarting");
      publish(subjects.audit("supervision"), { kind: "supervision", severity: "error", detail: { decision: "restart", ...judged, backoffMs: v.delayMs, restartAt: v.at } });
      return;
    }
    this.failed = true;
    this.down = undefined;
    const reason = `restart intensity exceeded: ${v.inWindow} restart(s) in the last ${limits.periodMs} ms (at most ${limits.intensity}), then it crashed again (${during}): ${error}`;
    setAgentState(this.o.db, spec.id, "failed");
    recordDeath(this.o.db, spec.id, reason, now);
    this.o.log.error({ reason }, "agent failed");
    publish(subjects.life("failed"), { verb: "failed", agentId: spec.id, kind: spec.kind, reason });
    publish(subjects.audit("supervision"), { kind: "supervision", severity: "error", detail: { decision: "failed", ...judged } });
  }

  /** The wait is over: a new incarnation starts. */
  restarting(): void {
    this.down = undefined;
  }

  /** It is up again: announced (the boss re-announces its capital) and audited. */
  restarted(down: HostDown, counters: HostCounters): void {
    const { spec, publish } = this.o;
    const waitedMs = this.o.clock.now() - down.since;
    const reason = `after a crash (${down.during}): ${down.error}; waited ${waitedMs} ms, crash ${down.attempt} in a row, ${down.dropped} message(s) dropped meanwhile`;
    publish(subjects.life("restarted"), { verb: "restarted", agentId: spec.id, kind: spec.kind, reason });
    publish(subjects.audit("supervision"), {
      kind: "supervision", severity: "info",
      detail: { decision: "restarted", agentId: spec.id, during: down.during, attempt: down.attempt, waitedMs, dropped: down.dropped, restarts: counters.restarts, restartsInWindow: this.o.policy.save().times.length },
    });
  }
}
