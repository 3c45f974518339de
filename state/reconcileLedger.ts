import type { Db } from "./openDb.ts";
import { stmt } from "./stmt.ts";

/**
 * One figure the ledger keeps twice that does not agree: `recorded` is the running summary
 * (a positions row, the cash journal, an order's filled size), `expected` what the rows it
 * summarises (fills, settlements) add up to. Amounts in micro-units.
 */
export interface LedgerDiscrepancy {
  check: "position" | "cash" | "order";
  /** "shares" | "cost" (positions), "fill cash" | "settle cash" | "allocations" | "floor cash" (cash), "filled" (orders). */
  figure: string;
  agentId: string;
  marketId?: string;
  outcome?: string;
  orderId?: string;
  recorded: number;
  expected: number;
}

/*
 * Positions hold the net of an agent's fills per (market, outcome) until the market is settled,
 * which deletes them: so an unresolved (or unknown) market's positions must equal its fills'
 * sums, and a resolved market must have none left (resolved but never settled is a discrepancy).
 */
const POSITIONS = `
  WITH f AS (
    SELECT agent_id, market_id, outcome, SUM(shares_delta_micro) AS shares, -SUM(cash_delta_micro) AS cost
    FROM fills GROUP BY agent_id, market_id, outcome),
  k AS (SELECT agent_id, market_id, outcome FROM f UNION SELECT agent_id, market_id, outcome FROM positions),
  r AS (
    SELECT k.agent_id, k.market_id, k.outcome, COALESCE(p.shares_micro, 0) AS p_shares, COALESCE(p.cost_micro, 0) AS p_cost,
      CASE WHEN m.outcome IS NULL THEN COALESCE(f.shares, 0) ELSE 0 END AS f_shares,
      CASE WHEN m.outcome IS NULL THEN COALESCE(f.cost, 0) ELSE 0 END AS f_cost
    FROM k
    LEFT JOIN positions p ON p.agent_id = k.agent_id AND p.market_id = k.market_id AND p.outcome = k.outcome
    LEFT JOIN f ON f.agent_id = k.agent_id AND f.market_id = k.market_id AND f.outcome = k.outcome
    LEFT JOIN markets m ON m.market_id = k.market_id)
  SELECT * FROM r WHERE p_shares != f_shares OR p_cost != f_cost ORDER BY agent_id, market_id, outcome`;

/** Per agent, the journal's fill and settle rows against the fills and settlements they book. */
const CASH = `
  WITH a AS (SELECT agent_id FROM cash UNION SELECT agent_id FROM fills UNION SELECT agent_id FROM settlements)
  SELECT a.agent_id,
    (SELECT COALESCE(SUM(delta_micro), 0) FROM cash c WHERE c.agent_id = a.agent_id AND c.reason = 'fill') AS j_fill,
    (SELECT COALESCE(SUM(cash_delta_micro), 0) FROM fills f WHERE f.agent_id = a.agent_id) AS fills,
    (SELECT COALESCE(SUM(delta_micro), 0) FROM cash c WHERE c.agent_id = a.agent_id AND c.reason = 'settle') AS j_settle,
    (SELECT COALESCE(SUM(payout_micro), 0) FROM settlements s WHERE s.agent_id = a.agent_id) AS payouts
  FROM a ORDER BY a.agent_id`;

/** An order's filled size is the sum of its fills (reversals count negative). */
const ORDERS = `
  SELECT o.order_id, o.agent_id, o.market_id, o.filled_micro, COALESCE(SUM(f.size_micro), 0) AS fills
  FROM orders o LEFT JOIN fills f ON f.order_id = o.order_id
  GROUP BY o.order_id HAVING o.filled_micro != fills ORDER BY o.seq`;

/** The floor's books close: all cash is what was deposited, plus realized PnL, less what open positions cost. */
const FLOOR_CASH = `
  SELECT (SELECT COALESCE(SUM(delta_micro), 0) FROM cash) AS cash,
    (SELECT COALESCE(SUM(delta_micro), 0) FROM cash WHERE reason = 'deposit') + (SELECT COALESCE(SUM(pnl_micro), 0) FROM settlements)
      - (SELECT COALESCE(SUM(cost_micro), 0) FROM positions) AS expected`;

interface PositionRaw { agent_id: string; market_id: string; outcome: string; p_shares: number; p_cost: number; f_shares: number; f_cost: number }
interface CashRaw { agent_id: string; j_fill: number; fills: number; j_settle: number; payouts: number }
interface OrderRaw { order_id: string; agent_id: string; market_id: string; filled_micro: number; fills: number }

/**
 * Check the ledger's summaries against its journal rows (what a restart should trust before it
 * carries on, and what `audit verify` and `status` check): positions of unsettled markets, each
 * agent's cash from fills and settlements, allocations netting to zero across the floor, the
 * floor's cash = deposits + realized PnL − open cost, and each order's filled size. Empty when it adds up.
 */
export function reconcileLedger(db: Db): LedgerDiscrepancy[] {
  const out: LedgerDiscrepancy[] = [];
  for (const r of stmt(db, POSITIONS).all() as PositionRaw[]) {
    const at = { check: "position" as const, agentId: r.agent_id, marketId: r.market_id, outcome: r.outcome };
    if (r.p_shares !== r.f_shares) out.push({ ...at, figure: "shares", recorded: r.p_shares, expected: r.f_shares });
    if (r.p_cost !== r.f_cost) out.push({ ...at, figure: "cost", recorded: r.p_cost, expected: r.f_cost });
  }
  for (const r of stmt(db, CASH).all() as CashRaw[]) {
    if (r.j_fill !== r.fills) out.push({ check: "cash", figure: "fill cash", agentId: r.agent_id, recorded: r.j_fill, expected: r.fills });
    if (r.j_settle !== r.payouts) out.push({ check: "cash", figure: "settle cash", agentId: r.agent_id, recorded: r.j_settle, expected: r.payouts });
  }
  // Allocations move capital between accounts, two rows each: across the floor they sum to zero.
  const alloc = Number((stmt(db, "SELECT COALESCE(SUM(delta_micro), 0) AS n FROM cash WHERE reason = 'allocate'").get() as { n: number }).n);
  if (alloc !== 0) out.push({ check: "cash", figure: "allocations", agentId: "*", recorded: alloc, expected: 0 });
  const floor = stmt(db, FLOOR_CASH).get() as { cash: number; expected: number };
  if (floor.cash !== floor.expected) out.push({ check: "cash", figure: "floor cash", agentId: "*", recorded: floor.cash, expected: floor.expected });
  for (const r of stmt(db, ORDERS).all() as OrderRaw[]) {
    out.push({ check: "order", figure: "filled", agentId: r.agent_id, marketId: r.market_id, orderId: r.order_id, recorded: r.filled_micro, expected: r.fills });
  }
  return out;
}
