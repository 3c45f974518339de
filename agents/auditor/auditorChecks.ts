import { microFromNumber, type OrderDecision, type OrderFill, type RiskConfig, type Settlement } from "../../protocols/index.ts";
import { auditFigures, reconcileLedger } from "../../state/index.ts";
import type { AgentContext } from "../../floor/host/index.ts";
import type { AuditorMemory } from "./AuditorMemory.ts";
import { checkFill } from "./checkFill.ts";
import { checkDecisionPrice } from "./checks/checkDecisionPrice.ts";
import { checkDuplicateFill, checkDuplicateIntent, FROM_LEDGER } from "./checks/checkDuplicate.ts";
import { checkFillPrice } from "./checks/checkFillPrice.ts";
import { checkLimits } from "./checks/checkLimits.ts";
import { checkSettlement } from "./checks/checkSettlement.ts";
import { ledgerViolations } from "./checks/ledgerViolations.ts";
import { orderCost } from "./checks/orderCost.ts";
import { raiseViolation, type ViolationFact } from "./raiseViolation.ts";
import { workingCosts } from "./workingCosts.ts";

/** The floor's capital (USD, as configured) and risk limits, as the boss is given them (floor/runner/floorAgents.ts). */
export interface AuditedFloor {
  capital: number;
  risk: RiskConfig;
}

const HOUR_MS = 3_600_000;

/**
 * The auditor's own checks (docs/AUDIT.md, "What the auditor checks while the floor runs"), each
 * a pure function of checks/ fed by the ledger and what the auditor heard, never by the boss's
 * figures. Ledger reads happen at decisions, settlements and the hourly ledger check only.
 */
export function auditorChecks(ctx: AgentContext, memory: AuditorMemory, floor: AuditedFloor | undefined) {
  const db = ctx.db;
  const capital = floor ? microFromNumber(floor.capital) : 0;

  function decision(d: OrderDecision, subject: string): void {
    const i = d.intent;
    const c = { agentId: i.agentId, subject, refs: { intentId: i.intentId, marketId: i.marketId } };
    const earlier = memory.approved.get(i.intentId);
    if (earlier?.msgId === d.id) return; // the same message again (a redelivery): checked already
    const placed = earlier ? undefined : auditFigures.orderOf(db, i.intentId);
    const other = placed && (placed.marketId !== i.marketId || placed.agentId !== i.agentId) ? { marketId: placed.marketId } : undefined;
    const dup = checkDuplicateIntent(i.intentId, earlier ?? other, d.id);
    if (dup) raiseViolation(ctx, dup, c);
    const m = memory.market(i.marketId);
    const price = checkDecisionPrice(i.price, m.tick);
    if (price) raiseViolation(ctx, price, c);
    if (floor) {
      const at = { agentId: i.agentId, marketId: i.marketId, symbol: m.symbol };
      const x = auditFigures.exposure(db, i.agentId, i.marketId, m.symbol);
      const open = { agent: x.agentOpen, floor: x.floorOpen, market: x.marketOpen, underlying: x.underlyingOpen };
      const figures = { floorCapital: capital, allocated: x.allocated, cash: x.cash, open, working: workingCosts(db, memory, i.intentId, at) };
      const broken = checkLimits(i.side, orderCost(i.side, i.price, i.size, m.fee), figures, floor.risk);
      if (broken) raiseViolation(ctx, broken, c);
    }
    if (earlier?.msgId === FROM_LEDGER) earlier.msgId = d.id; // a rebuilt approval heard again: keep what has filled
    else if (!earlier) memory.approved.set(i.intentId, { agentId: i.agentId, marketId: i.marketId, side: i.side, price: i.price, size: i.size, filled: 0, open: true, msgId: d.id });
  }

  function fill(f: OrderFill, subject: string): void {
    const c = { agentId: f.agentId, subject, refs: { intentId: f.intentId, fillId: f.fillId, marketId: f.marketId } };
    const first = memory.fillSeen(f.marketId, f.fillId, f.id);
    const dup = checkDuplicateFill(f.fillId, first, f.id);
    if (dup) return raiseViolation(ctx, dup, c); // its size is already counted against its order
    if (first === FROM_LEDGER || first === f.id) return; // heard before a restart (the ledger counted it), or this very message again
    const a = memory.approved.get(f.intentId);
    const before = a?.filled ?? 0;
    const broken = checkFill(f, a, before);
    if (broken) raiseViolation(ctx, { rule: "fill.order", allowed: a ? `${a.side} ${a.size} at ${a.price}` : "an approved decision", actual: `${f.side} ${before + f.size} at ${f.price}`, reason: broken }, c);
    const price = checkFillPrice(f, a?.price, memory.tops.get(f.marketId) ?? []);
    if (price) raiseViolation(ctx, price, c);
    if (a) {
      a.filled += f.size;
      if (a.filled >= a.size) a.open = false;
    }
  }

  function settle(s: Settlement, subject: string): void {
    const broken = checkSettlement(s, auditFigures.holding(db, s.agentId, s.marketId), memory.markets.get(s.marketId)?.announced);
    if (broken) raiseViolation(ctx, broken, { agentId: s.agentId, subject, refs: { marketId: s.marketId } });
  }

  /** The ledger's invariants; each discrepancy reported once while it stays the same (`record`: at the stop, see raiseViolation). */
  function ledger(record?: (f: ViolationFact) => void): void {
    for (const b of ledgerViolations(reconcileLedger(db))) {
      if (memory.reported.has(b.key)) continue;
      memory.reported.add(b.key);
      raiseViolation(ctx, b, { agentId: b.agentId, refs: b.refs }, record);
    }
  }

  return {
    decision, fill, settle, ledger,
    /** On the hour of floor time (not at the first tick: the floor checks its ledger at start). */
    tick(now: number): void {
      const hour = Math.floor(now / HOUR_MS);
      if (memory.hour >= 0 && hour > memory.hour) ledger();
      memory.hour = hour;
    },
  };
}
