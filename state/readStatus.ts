import { toUnits } from "../protocols/index.ts";
import { listAgents } from "./registry.ts";
import { ledgerHash } from "./ledgerHash.ts";
import { getMeta } from "./meta.ts";
import type { Db } from "./openDb.ts";
import { allocatedOf, cashOf, depositsOf, openCostOf } from "./ledger.ts";
import { scalar as one } from "./stmt.ts";
import { auditHead, type AuditHead } from "./auditAnchor.ts";
import { readRiskStatus, type RiskStatus } from "./riskStatus.ts";

export interface AgentStatus {
  id: string;
  kind: string;
  state: string;
  parentId: string | null;
  /** Capital allocated to the agent, USD. */
  capital: number;
  /** The agent's cash now, USD. */
  cash: number;
  /** Realized PnL from settled markets, USD. */
  pnl: number;
  fills: number;
}

export interface FloorStatus {
  mode: string | null;
  seed: string | null;
  floorTime: number | null;
  marketsOpened: number;
  marketsSettled: number;
  orders: number;
  fills: number;
  settlements: number;
  /** Every cash row summed, USD: deposits + realized PnL − cost of open positions. */
  cash: number;
  deposits: number;
  realizedPnl: number;
  /** Taker fees paid in USD (both sides under a pUSD schedule, sells under a shares one) and in shares (buys under a shares schedule). */
  feesUsd: number;
  feeShares: number;
  /** Maker rebates accrued on our resting orders' fills (the venue pays them later), USD. */
  rebates: number;
  /** Taker rebates accrued on our taker fills (the Taker Rebate Program, when a schedule has it), USD. */
  takerRebates: number;
  openPositionCost: number;
  auditEntries: number;
  /** The audit chain's last entry and hash (what the anchor records). */
  auditHead: AuditHead;
  agents: AgentStatus[];
  /** The floor's and agents' trading states as the boss last wrote them; null before a boss ran. */
  risk: RiskStatus | null;
  ledgerHash: string;
}

/** The status without the ledger hash, which costs a pass over every ledger row. */
export type LedgerFigures = Omit<FloorStatus, "ledgerHash">;

/** Everything `floor status` reports, read from the ledger (the source of truth). */
export function readStatus(db: Db): FloorStatus {
  return { ...readFigures(db), ledgerHash: ledgerHash(db) };
}

/**
 * The figures alone, for views refreshed while the floor runs (status lines, the dashboard):
 * hashing the whole ledger on every refresh would cost more the longer the floor runs.
 */
export function readFigures(db: Db): LedgerFigures {
  const agents = listAgents(db).map((a): AgentStatus => ({
    id: a.agentId,
    kind: a.kind,
    state: a.state,
    parentId: a.parentId,
    capital: toUnits(allocatedOf(db, a.agentId)),
    cash: toUnits(cashOf(db, a.agentId)),
    pnl: toUnits(one(db, "SELECT SUM(pnl_micro) AS n FROM settlements WHERE agent_id = ?", a.agentId)),
    fills: one(db, "SELECT COUNT(*) AS n FROM fills WHERE agent_id = ? AND reverses IS NULL", a.agentId),
  }));
  const floorTime = getMeta(db, "floorTime");
  return {
    mode: getMeta(db, "mode") ?? null,
    seed: getMeta(db, "seed") ?? null,
    floorTime: floorTime === undefined ? null : Number(floorTime),
    marketsOpened: one(db, "SELECT COUNT(*) AS n FROM markets"),
    marketsSettled: one(db, "SELECT COUNT(*) AS n FROM markets WHERE outcome IS NOT NULL"),
    orders: one(db, "SELECT COUNT(*) AS n FROM orders"),
    fills: one(db, "SELECT COUNT(*) AS n FROM fills WHERE reverses IS NULL"),
    settlements: one(db, "SELECT COUNT(*) AS n FROM settlements"),
    cash: toUnits(one(db, "SELECT SUM(delta_micro) AS n FROM cash")),
    deposits: toUnits(depositsOf(db)),
    realizedPnl: toUnits(one(db, "SELECT SUM(pnl_micro) AS n FROM settlements")),
    feesUsd: toUnits(one(db, "SELECT SUM(fee_usd_micro) AS n FROM fills")),
    feeShares: toUnits(one(db, "SELECT SUM(fee_shares_micro) AS n FROM fills")),
    rebates: toUnits(one(db, "SELECT SUM(rebate_micro) AS n FROM fills WHERE liquidity = 'maker'")),
    takerRebates: toUnits(one(db, "SELECT SUM(rebate_micro) AS n FROM fills WHERE liquidity = 'taker'")),
    openPositionCost: toUnits(openCostOf(db)),
    auditEntries: one(db, "SELECT COUNT(*) AS n FROM audit_log"),
    auditHead: auditHead(db),
    agents,
    risk: readRiskStatus(db),
  };
}
