import { isDeepStrictEqual } from "node:util";
import { subjects, type AgentCommandReply } from "../../protocols/index.ts";
import { agentRecord, asLedgerFailure, deleteSnapshot, recordAgentEvent, recordDeath, reviveAgent, SeenEnvelopes, setAgentState, type AgentOrigin } from "../../state/index.ts";
import type { AgentHost, HostBirth } from "./AgentHost.ts";
import type { AgentFileConfig } from "./AgentKindDef.ts";
import type { AgentSpec } from "./AgentSpec.ts";
import { fileKinds } from "./catalog.ts";
import { checkAgentConfig } from "./checkAgentConfig.ts";
import { forgetDurables } from "./forgetDurables.ts";
import type { SupervisorCommand, SupervisorOptions } from "./Supervisor.ts";

type Start = (spec: AgentSpec, birth: HostBirth) => AgentHost;
/** The supervisor's own publish (an envelope with src `supervisor`), for facts about an agent that has no host. */
type Publish = (subject: string, body: Record<string, unknown>) => void;

/**
 * What the supervisor does to one agent: spawn it, retire it (its host drained and stopped, its
 * snapshot kept; the exchange cancels its working orders, its positions settle where they are and
 * the boss returns its cash to the floor), or reconfigure it (in place when only updatable fields
 * changed, else a restart under the same id: the same ledger account, snapshot and lineage).
 * Each is a registry row, an agent_events row and a `floor.life.*` fact the auditor writes down.
 */
export class LifeOps {
  /** Each stopped host's last message number, so the next host of the same id in this run numbers on from it. */
  private readonly seqs = new Map<string, number>();

  constructor(
    private readonly o: SupervisorOptions,
    private readonly hosts: Map<string, AgentHost>,
    private readonly start: Start,
    private readonly publish: Publish,
  ) {}

  async run(cmd: SupervisorCommand): Promise<AgentCommandReply> {
    try {
      if (cmd.verb === "retire") return await this.retire(cmd);
      const checked = checkAgentConfig(cmd.agentId, cmd.config, this.o.floor);
      if (!checked.ok) return this.refuse(cmd, checked.error);
      if (cmd.verb === "spawn") return await this.spawn(cmd, checked.config);
      return await this.reconfigure(cmd, checked.config);
    } catch (err) {
      // A failed ledger write stops the floor as an agent's does; anything else is this command's failure alone.
      const failure = asLedgerFailure(err, "supervisor", `${cmd.verb} ${cmd.agentId}`);
      if (failure) this.o.fatal?.(failure);
      return this.refuse(cmd, `failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** A new agent, or a dead one born again (retired, or failed: its failed host makes way). */
  private async spawn(cmd: SupervisorCommand, config: AgentFileConfig): Promise<AgentCommandReply> {
    const old = this.hosts.get(cmd.agentId);
    if (old && old.state !== "failed") return this.refuse(cmd, `${cmd.agentId} is already running (reconfigure it instead)`);
    if (!config.enabled) return this.refuse(cmd, "enabled: false: there is nothing to start");
    const before = agentRecord(this.o.db, cmd.agentId);
    if (before && before.kind !== config.kind) return this.refuse(cmd, `id ${cmd.agentId} belonged to a ${before.kind}: an id keeps its kind (its ledger account is a ${before.kind}'s)`);
    if (old) await this.remove(old);
    const now = this.o.clock.now();
    const origin = cmd.by === "config" ? "config" : "command";
    const reborn = this.revive(cmd.agentId, origin);
    const spec = fileKinds().get(config.kind)!.spec(config, cmd.parentId ?? before?.parentId ?? undefined);
    const seq = this.seqs.get(cmd.agentId);
    const h = this.start(spec, { origin, by: cmd.by, reason: cmd.reason, ...(reborn ? { reborn } : {}), ...(seq !== undefined ? { seq } : {}) });
    recordAgentEvent(this.o.db, { agentId: cmd.agentId, verb: "spawned", by: cmd.by, reason: cmd.reason, config, ts: now });
    return { ok: true, verb: cmd.verb, agentId: cmd.agentId, outcome: "spawned", state: h.state };
  }

  /** An id that died (retired or failed) starting again is a new life: revived, its machine afresh, its ledger account the same. True when it was dead. */
  revive(agentId: string, origin: AgentOrigin): boolean {
    if (agentRecord(this.o.db, agentId)?.diedTs == null) return false;
    reviveAgent(this.o.db, agentId, origin, this.o.clock.now());
    deleteSnapshot(this.o.db, agentId);
    return true;
  }

  private async retire(cmd: SupervisorCommand): Promise<AgentCommandReply> {
    const h = this.hosts.get(cmd.agentId);
    if (!h) return this.retireUnhosted(cmd);
    if (!fileKinds().has(h.spec.kind)) return this.refuse(cmd, `${cmd.agentId} is one of the floor's own agents (${h.spec.kind}): it is not retired while the floor runs`);
    await this.remove(h);
    const reply = this.retired(cmd, h.spec.kind, (subject, body) => h.publish(subject, body));
    this.seqs.set(cmd.agentId, h.sequence); // after its last message, the retired fact
    await this.forget(cmd.agentId, h.durables);
    return reply;
  }

  /**
   * A retired agent's durables go from the server and its seen ids from this file (forgetDurables):
   * left, they would hold its ids for good, and an id born again would read all it missed while dead.
   * A failure is logged; the retirement stands.
   */
  private async forget(agentId: string, durables: string[]): Promise<void> {
    await forgetDurables(this.o.bus, this.o.db, durables).catch((err: unknown) => {
      this.o.log.warn({ agentId, durables, err: (err as Error).message }, "retired, but its durable consumers could not all be deleted: what is left stays on the server (bus.deleteDurable, or by hand)");
    });
  }

  /** Stop a host and forget it, keeping its message number for the next host of its id. */
  private async remove(h: AgentHost): Promise<void> {
    await h.stop();
    await this.o.bus.idle();
    this.hosts.delete(h.id);
    this.seqs.set(h.id, h.sequence);
  }

  /** An agent the registry has alive that this floor did not start (its file went while the floor was down): its death is recorded all the same. */
  private async retireUnhosted(cmd: SupervisorCommand): Promise<AgentCommandReply> {
    const rec = agentRecord(this.o.db, cmd.agentId);
    if (!rec || rec.diedTs !== null || !fileKinds().has(rec.kind)) return this.refuse(cmd, `${cmd.agentId} is not running`);
    const reply = this.retired(cmd, rec.kind, this.publish);
    // Its routes are unknown without a host: its durables are those with seen ids here (an id has no
    // `.`) and those the server holds for it (one that never handled a message has no seen ids).
    const onServer = await (this.o.bus.durablesOf?.(cmd.agentId) ?? Promise.resolve([])).catch((err: unknown) => {
      this.o.log.warn({ agentId: cmd.agentId, err: (err as Error).message }, "retired; its durable consumers on the server could not be listed: only those it had handled messages on are deleted");
      return [];
    });
    await this.forget(cmd.agentId, [...new Set([...SeenEnvelopes.consumers(this.o.db, `${cmd.agentId}.`), ...onServer])]);
    return reply;
  }

  /** A death in the registry and agent_events, then the `floor.life.retired` fact (the exchange and the boss act on it). */
  private retired(cmd: SupervisorCommand, kind: string, publish: Publish): AgentCommandReply {
    const now = this.o.clock.now();
    recordDeath(this.o.db, cmd.agentId, cmd.reason, now);
    setAgentState(this.o.db, cmd.agentId, "retired");
    recordAgentEvent(this.o.db, { agentId: cmd.agentId, verb: "retired", by: cmd.by, reason: cmd.reason, ts: now });
    publish(subjects.life("retired"), { verb: "retired", agentId: cmd.agentId, kind, by: cmd.by, reason: cmd.reason });
    return { ok: true, verb: cmd.verb, agentId: cmd.agentId, outcome: "retired", state: "retired" };
  }

  private async reconfigure(cmd: SupervisorCommand, config: AgentFileConfig): Promise<AgentCommandReply> {
    const h = this.hosts.get(cmd.agentId);
    if (!h) return this.refuse(cmd, `${cmd.agentId} is not running (spawn it instead)`);
    if (h.spec.kind !== config.kind) return this.refuse(cmd, `kind: a ${h.spec.kind} cannot become a ${config.kind} (retire it and spawn another id)`);
    // A failed agent with a new configuration is born again with it.
    if (h.state === "failed" && config.enabled) return this.spawn(cmd, config);
    if (!config.enabled) return this.retire({ ...cmd, verb: "retire" }).then((r) => ({ ...r, verb: cmd.verb }));
    const prev = h.config as AgentFileConfig;
    if (isDeepStrictEqual(prev, config)) return { ok: true, verb: cmd.verb, agentId: cmd.agentId, outcome: "unchanged", state: h.state };
    const now = this.o.clock.now();
    const file = fileKinds().get(config.kind)!;
    if (file.updatable(prev, config) && h.update(config)) {
      recordAgentEvent(this.o.db, { agentId: cmd.agentId, verb: "updated", by: cmd.by, reason: cmd.reason, config, ts: now });
      h.publish(subjects.life("reconfigured"), { verb: "reconfigured", agentId: cmd.agentId, kind: h.spec.kind, by: cmd.by, reason: `${cmd.reason} (in place)` });
      return { ok: true, verb: cmd.verb, agentId: cmd.agentId, outcome: "updated", state: h.state };
    }
    // A restart under the same id: the new host restores the snapshot the old one saved as it stopped.
    await h.stop();
    await this.o.bus.idle();
    this.hosts.delete(cmd.agentId);
    const origin = agentRecord(this.o.db, cmd.agentId)?.origin ?? "command";
    const next = this.start(file.spec(config, h.spec.parentId), { origin, verb: "reconfigured", by: cmd.by, reason: `${cmd.reason} (restarted)`, seq: h.sequence });
    recordAgentEvent(this.o.db, { agentId: cmd.agentId, verb: "reconfigured", by: cmd.by, reason: cmd.reason, config, ts: now });
    return { ok: true, verb: cmd.verb, agentId: cmd.agentId, outcome: "reconfigured", state: next.state };
  }

  private refuse(cmd: SupervisorCommand, error: string): AgentCommandReply {
    this.o.log.warn({ agentId: cmd.agentId, verb: cmd.verb, by: cmd.by, error }, "agent command refused");
    this.publish(subjects.audit("command_refused"), { kind: "command_refused", severity: "invalid", detail: { verb: cmd.verb, agentId: cmd.agentId, by: cmd.by, reason: cmd.reason, error } });
    return { ok: false, verb: cmd.verb, agentId: cmd.agentId, outcome: "refused", error };
  }
}
