import { formatMicro, subjects, type RiskConfig, type SelectionConfig } from "../../protocols/index.ts";
import { allocatedOf, allocationsSince, cashOf, listAgentEvents, listAgents, recordJudgement, settlementsSince, transferCash, type AgentRecord } from "../../state/index.ts";
import { fileKinds, type AgentContext } from "../../floor/host/index.ts";
import { createRng } from "../../floor/random/createRng.ts";
import { cloneId } from "./review/cloneId.ts";
import { planReview } from "./review/planReview.ts";
import { trackRecord, type Funding, type Settled } from "./review/trackRecord.ts";
import { allocate, FLOOR_ACCOUNT, type TrackRecord } from "./selection/index.ts";

const DAY_MS = 86_400_000;

/**
 * The boss's selection, on a schedule of floor time (docs/BOSS.md, "Selection"): every
 * `reviewEverySec` it judges each live trader against every variant ever tried, retires what the
 * judgement kills (through the supervisor), clones the winners (a variant of the parent's config,
 * through the supervisor, within the population cap and the day's births) and moves capital toward
 * estimated edge. Every judgement is written with its numbers (`floor agents`), every move of money
 * is a ledger transfer with its reason, audited.
 */
export function bossReview(ctx: AgentContext, floor: { capital: number; risk: RiskConfig; selection: SelectionConfig }) {
  const cfg = floor.selection;
  let last: number | undefined;
  // Every agent's settled windows and capital transfers as read so far: each review reads only the
  // new ones (rebuilt from the ledger after a restart).
  const settled = new Map<string, Settled[]>();
  const funded = new Map<string, Funding[]>();
  let settledTo = 0;
  let fundedTo = 0;

  /** The record of every trader ever born (`ever`: the registry's traders, read once per review). */
  function records(ever: readonly string[]): Map<string, TrackRecord> {
    for (const s of settlementsSince(ctx.db, settledTo)) settledTo = append(settled, s.agentId, s).seq;
    for (const a of allocationsSince(ctx.db, fundedTo)) fundedTo = append(funded, a.agentId, a).seq;
    return new Map(ever.map((id) => [id, trackRecord(settled.get(id) ?? [], funded.get(id) ?? [])]));
  }

  function review(now: number): void {
    const agents = listAgents(ctx.db);
    const ever = agents.filter((a) => a.kind === "trader").map((a) => a.agentId);
    const live = agents.filter((a) => a.kind === "trader" && a.diedTs == null && a.state !== "failed");
    const byId = records(ever);
    const dayStart = now - (now % DAY_MS);
    const birthsToday = listAgentEvents(ctx.db).filter((e) => e.verb === "spawned" && e.by === ctx.id && e.ts >= dayStart).length;
    const plan = planReview({ traders: live.map((a) => a.agentId), records: byId, everTried: ever.length, birthsToday, cfg });
    for (const { agentId, judgement: j } of plan.judged) recordJudgement(ctx.db, { agentId, ts: now, action: j.action, reason: j.reason, numbers: { ...j.numbers } });
    for (const k of plan.kill) {
      ctx.publish(subjects.audit("selection"), { kind: "selection", severity: "info", detail: { action: "kill", agentId: k.agentId, reason: k.reason } });
      ctx.publish(subjects.agentCommand("retire"), { verb: "retire", agentId: k.agentId, reason: `killed by selection: ${k.reason}` });
    }
    const taken = new Set(agents.map((a) => a.agentId));
    let tried = ever.length;
    for (const c of plan.clone) {
      const parent = agents.find((a) => a.agentId === c.parentId)!;
      const variant = fileKinds().get(parent.kind)?.variant;
      if (!variant) continue;
      const id = cloneId(c.parentId, tried++, (x) => taken.has(x));
      taken.add(id);
      const v = variant({ ...(parent.config as { id: string; kind: string; enabled: boolean }), id }, createRng(`clone:${id}`), cfg.cloneScale);
      const reason = `clone of ${c.parentId}: ${c.reason}; ${v.note}${v.changed.length ? ` (${v.changed.join(", ")})` : ""}`;
      ctx.publish(subjects.audit("selection"), { kind: "selection", severity: "info", detail: { action: "clone", agentId: id, parentId: c.parentId, reason } });
      ctx.publish(subjects.agentCommand("spawn"), { verb: "spawn", agentId: id, parentId: c.parentId, config: v.config as unknown as Record<string, unknown>, reason });
    }
    reallocate(now, live.filter((a) => !plan.kill.some((k) => k.agentId === a.agentId)), byId);
  }

  /** Capital toward estimated edge (selection/allocate); a transfer out never takes more than the agent's free cash. */
  function reallocate(now: number, traders: readonly AgentRecord[], byId: Map<string, TrackRecord>): void {
    // Only the boss's own clones serve a probation; the starting roster shares by edge, shrunk to equal while records are short.
    const candidates = traders.map(({ agentId: id, parentId }) => {
      const returns = byId.get(id)?.returns ?? [];
      return { id, returns, allocated: Math.max(0, allocatedOf(ctx.db, id)), probation: parentId != null && returns.length < cfg.probationTrades };
    });
    const held = candidates.reduce((a, c) => a + c.allocated, 0);
    const capital = floor.capital; // micro-USD
    const plan = allocate(candidates, { ...cfg, perAgentMaxPct: floor.risk.perAgentMaxPct, floorCapital: capital, available: held + Math.max(0, cashOf(ctx.db, FLOOR_ACCOUNT)) });
    for (const m of plan.moves) {
      const amount = Math.min(m.amount, Math.max(0, cashOf(ctx.db, m.from)));
      if (amount <= 0) continue;
      const ref = `review-${m.from === FLOOR_ACCOUNT ? m.to : m.from}@${now}`;
      transferCash(ctx.db, m.from, m.to, amount, ref, now);
      ctx.publish(subjects.audit("transfer"), { kind: "transfer", severity: "info", detail: { from: m.from, to: m.to, amount, ref, reason: m.reason } });
      const agentId = m.from === FLOOR_ACCOUNT ? m.to : m.from;
      const capitalNow = allocatedOf(ctx.db, agentId);
      ctx.publish(subjects.ctl(agentId, "allocate"), { verb: "allocate", capital: capitalNow, reason: `review: ${formatMicro(capitalNow)}` });
    }
  }

  return {
    /** The first review comes `reviewEverySec` after the boss first started (a restart keeps the schedule). */
    start(now: number): void {
      last ??= now;
    },
    /** A review is due `reviewEverySec` after the last. */
    tick(now: number): void {
      if (last === undefined || now - last < cfg.reviewEverySec * 1000) return;
      last = now;
      review(now);
    },
    save: () => ({ last }),
    restore(s: unknown): void {
      last = (s as { last?: number } | undefined)?.last;
    },
  };
}

/** Add a row to its agent's list; the row back. */
function append<T, R extends T>(lists: Map<string, T[]>, agentId: string, row: R): R {
  const list = lists.get(agentId);
  if (list) list.push(row);
  else lists.set(agentId, [row]);
  return row;
}
