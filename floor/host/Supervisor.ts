import { AgentCommand, PROTOCOL_VERSION, encode, families, subjects, type AgentCommandReply, type AuditFact, type FloorConfig } from "../../protocols/index.ts";
import type { AgentOrigin } from "../../state/index.ts";
import type { Subscription } from "../bus/Bus.ts";
import { AgentHost, type HostBirth, type HostCheckpoint, type HostOptions } from "./AgentHost.ts";
import type { AgentSpec } from "./AgentSpec.ts";
import { decodeShared } from "./decodeShared.ts";
import { FloorShared } from "./FloorShared.ts";
import { hungAfterMs } from "./heartbeatRule.ts";
import { LifeOps } from "./LifeOps.ts";

export interface SupervisorOptions extends HostOptions {
  /** The floor's configuration: a new agent is checked against it as a config file is. */
  floor: FloorConfig;
}

/** A command as the supervisor runs it: what, to whom, with which config, who asked and why. */
export interface SupervisorCommand extends Pick<AgentCommand, "verb" | "agentId" | "config" | "parentId" | "reason"> {
  by: string;
}

/** How the runner bounds and names the stop's waits (floor/runner/StopBudget.ts); unbounded and unnamed when absent. */
export interface StopHooks {
  /** Wait for the bus to go idle after `who` stopped; resolves false when the stop's time for it ran out. */
  settle(who: string): Promise<boolean>;
  /** A stage under way; the result ends it. */
  stage(label: string): () => void;
}

interface Pending {
  cmd: SupervisorCommand;
  answer: (reply: AgentCommandReply) => void;
}

/**
 * Owns the floor's hosts by id. Agents are born, changed and retired only between two steps of the
 * floor clock, when the bus is idle: commands (bus requests on `floor.agent.<verb>`, or the config
 * watcher's) are queued and run by `applyPending`, and their replies go out after the step that
 * ran them is committed (`flushReplies`), so a reply never announces what a crash could undo.
 */
export class Supervisor {
  private readonly hosts = new Map<string, AgentHost>();
  private queue: Pending[] = [];
  private answered: Array<() => void> = [];
  private sub: Subscription | undefined;
  private seq = 0;
  private stopBegan = false;
  private readonly ops: LifeOps;
  /** What every host is made with: the floor's `supervision:` settings among them. */
  private readonly hostOptions: HostOptions;
  private readonly hungAfter: number;
  /** What the floor's agents share (FloorShared): one for all the hosts, checkpointed with them. */
  readonly shared: FloorShared;

  constructor(private readonly o: SupervisorOptions) {
    const supervision = o.supervision ?? o.floor.supervision;
    this.shared = o.shared ?? new FloorShared();
    this.hostOptions = { ...o, supervision, shared: this.shared, stopping: () => this.stopBegan };
    this.hungAfter = hungAfterMs(supervision);
    this.ops = new LifeOps(o, this.hosts, (spec, birth) => this.host(spec, undefined, birth), (subject, body) => this.publish(subject, body));
  }

  /** Every running host, in start order. */
  get all(): AgentHost[] {
    return [...this.hosts.values()];
  }

  get(id: string): AgentHost | undefined {
    return this.hosts.get(id);
  }

  /**
   * Start one of the agents the floor begins with (from an exact sim checkpoint when there is one).
   * One the registry has dead (retired or failed, its file still there) is born again: the boss allocates it afresh.
   */
  boot(spec: AgentSpec, origin: AgentOrigin, resume?: HostCheckpoint): AgentHost {
    const reborn = !resume && this.ops.revive(spec.id, origin);
    return this.host(spec, resume, { origin, ...(origin !== "floor" ? { by: "floor", reason: "the floor started" } : {}), ...(reborn ? { reborn } : {}) });
  }

  /**
   * Each host's step (a restart that is due, its clock hooks, its heartbeat), then the watchdog: an
   * agent whose last heartbeat is older than `missedBeats` intervals is hung, and restarted like a
   * crashed one. It watches the heartbeats as the hosts give them, not as the bus delivers them, so
   * a bus outage is not mistaken for every agent hanging.
   */
  tick(now: number): void {
    for (const h of this.hosts.values()) {
      h.tick(now);
      if ((h.silentFor(now) ?? 0) > this.hungAfter) h.hung(now, this.hungAfter);
    }
  }

  /** Take commands from the bus: `floor.agent.<verb>` requests, each answered once it has run. */
  listen(): void {
    this.sub = this.o.bus.subscribe(families.agentCommand.pattern, (m) => {
      const d = decodeShared(m.subject, m.data);
      if (!d.ok) {
        this.audit("invalid", { subject: m.subject, error: d.error, sample: m.data.slice(0, 300) }, "invalid");
        return m.respond(JSON.stringify({ ok: false, verb: "spawn", agentId: "-", outcome: "refused", error: `invalid command: ${d.error}` }));
      }
      const c = d.msg as AgentCommand;
      this.enqueue({ verb: c.verb, agentId: c.agentId, config: c.config, parentId: c.parentId, reason: c.reason, by: c.src }, (r) => m.respond(JSON.stringify(r)));
    });
  }

  /** Queue a command from this process (the config watcher); it runs at the next step boundary. */
  submit(cmd: SupervisorCommand): Promise<AgentCommandReply> {
    return new Promise((resolve) => this.enqueue(cmd, resolve));
  }

  /** Between two steps, the bus idle: run what is queued. Returns how many commands changed the population. */
  async applyPending(): Promise<number> {
    let changed = 0;
    while (this.queue.length > 0) {
      const { cmd, answer } = this.queue.shift()!;
      const reply = await this.ops.run(cmd);
      await this.o.bus.idle();
      if (reply.ok && reply.outcome !== "unchanged") changed++;
      this.answered.push(() => answer(reply));
    }
    return changed;
  }

  /** Commands have run whose replies wait on the next commit. */
  get awaitingCommit(): boolean {
    return this.answered.length > 0;
  }

  /** After the step that ran them is committed: answer the commands. */
  flushReplies(): void {
    const done = this.answered;
    this.answered = [];
    for (const a of done) a();
  }

  /** The floor begins to stop: from now on every agent's `ctx.stopping()` is true (no new orders). */
  beginStop(): void {
    this.stopBegan = true;
  }

  get stopping(): boolean {
    return this.stopBegan;
  }

  /**
   * Stop taking commands, refuse what is still queued, then stop every host, last born first.
   * Returns the hosts after whose stop the bus did not go idle in the time `hooks` allowed (their
   * parting messages may not have been handled); with no hooks it waits as long as it takes.
   */
  async stopAll(hooks?: StopHooks): Promise<string[]> {
    this.beginStop();
    this.sub?.unsubscribe();
    for (const p of this.queue.splice(0)) p.answer({ ok: false, verb: p.cmd.verb, agentId: p.cmd.agentId, outcome: "refused", error: "the floor is stopping" });
    this.flushReplies();
    const unsettled: string[] = [];
    for (const h of [...this.hosts.values()].reverse()) {
      const done = hooks?.stage(`stopping agent ${h.id}`);
      await h.stop();
      done?.();
      if (!(await (hooks ? hooks.settle(h.id) : this.o.bus.idle().then(() => true)))) unsettled.push(h.id);
    }
    return unsettled;
  }

  private enqueue(cmd: SupervisorCommand, answer: (r: AgentCommandReply) => void): void {
    this.queue.push({ cmd, answer });
  }

  private host(spec: AgentSpec, resume: HostCheckpoint | undefined, birth: HostBirth): AgentHost {
    const h = new AgentHost(spec, this.hostOptions);
    this.hosts.set(spec.id, h);
    h.start(resume, birth);
    return h;
  }

  /** The supervisor's own audit facts (a refused command or config file). */
  audit(kind: string, detail: Record<string, unknown>, severity: AuditFact["severity"] = "info"): void {
    this.publish(subjects.audit(kind), { kind, severity, detail });
  }

  /** Published in the supervisor's own name, with an envelope of its own (ids `supervisor.<run>.<n>`). */
  private publish(subject: string, body: Record<string, unknown>): void {
    const msg = { v: PROTOCOL_VERSION, id: `supervisor.${this.o.runId}.${++this.seq}`, ts: this.o.clock.now(), src: "supervisor", ...body };
    this.o.bus.publish(subject, encode(subject, msg));
  }
}
