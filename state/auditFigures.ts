import type { Outcome } from "../protocols/index.ts";
import type { Db } from "./openDb.ts";
import { stmt } from "./stmt.ts";

/** An agent's, its market's, its underlying's and the floor's money as the ledger has it (micro-units). */
export interface LedgerExposure {
  allocated: number;
  cash: number;
  agentOpen: number;
  floorOpen: number;
  marketOpen: number;
  underlyingOpen: number;
}

/** What the ledger holds of an order placed for an intent. */
export interface LedgerOrder {
  marketId: string;
  agentId: string;
  status: string;
  size: number;
  filled: number;
}

/** An agent's fills in one market, summed per outcome (reversals included), and the market's recorded outcome. */
export interface LedgerHolding {
  upShares: number;
  downShares: number;
  /** Net cash spent on the market's fills (fees included). */
  cost: number;
  outcome?: Outcome;
}

const EXPOSURE = `SELECT
  (SELECT COALESCE(SUM(delta_micro), 0) FROM cash WHERE agent_id = @agent AND reason = 'allocate') AS allocated,
  (SELECT COALESCE(SUM(delta_micro), 0) FROM cash WHERE agent_id = @agent) AS cash,
  (SELECT COALESCE(SUM(cost_micro), 0) FROM positions WHERE agent_id = @agent) AS agentOpen,
  (SELECT COALESCE(SUM(cost_micro), 0) FROM positions) AS floorOpen,
  (SELECT COALESCE(SUM(cost_micro), 0) FROM positions WHERE market_id = @market) AS marketOpen,
  (SELECT COALESCE(SUM(p.cost_micro), 0) FROM positions p JOIN markets m ON m.market_id = p.market_id WHERE m.symbol = @symbol) AS underlyingOpen`;

const HOLDING = `SELECT
  COALESCE(SUM(CASE WHEN outcome = 'Up' THEN shares_delta_micro END), 0) AS upShares,
  COALESCE(SUM(CASE WHEN outcome = 'Down' THEN shares_delta_micro END), 0) AS downShares,
  -COALESCE(SUM(cash_delta_micro), 0) AS cost,
  (SELECT outcome FROM markets WHERE market_id = @market) AS outcome
  FROM fills WHERE agent_id = @agent AND market_id = @market`;

/** The last `?` markets resolved (the auditor keeps their approvals for fills still on their way). */
const LAST_RESOLVED = "SELECT market_id FROM markets WHERE outcome IS NOT NULL ORDER BY resolved_ts DESC, market_id DESC LIMIT ?";

/**
 * The auditor's reads of the ledger, by queries of its own (not the boss's): what a decision's
 * limits are checked against, what a settlement is checked against, and what a restart rebuilds
 * its memory from. Read-only.
 */
export const auditFigures = {
  exposure: (db: Db, agentId: string, marketId: string, symbol: string): LedgerExposure =>
    stmt(db, EXPOSURE).get({ agent: agentId, market: marketId, symbol }) as LedgerExposure,

  orderOf: (db: Db, intentId: string): LedgerOrder | undefined =>
    stmt(db, "SELECT market_id AS marketId, agent_id AS agentId, status, size_micro AS size, filled_micro AS filled FROM orders WHERE intent_id = ?").get(intentId) as LedgerOrder | undefined,

  holding(db: Db, agentId: string, marketId: string): LedgerHolding {
    const r = stmt(db, HOLDING).get({ agent: agentId, market: marketId }) as Omit<LedgerHolding, "outcome"> & { outcome: Outcome | null };
    return { upShares: r.upShares, downShares: r.downShares, cost: r.cost, ...(r.outcome ? { outcome: r.outcome } : {}) };
  },

  /** The last `n` markets resolved, oldest first. */
  lastResolved: (db: Db, n: number): string[] =>
    (stmt(db, LAST_RESOLVED).all(n) as Array<{ market_id: string }>).map((r) => r.market_id).reverse(),

  /** Every order of a market not yet resolved or among the last `kept` resolved, oldest first: the approvals a restart checks fills against. */
  unresolvedOrders: (db: Db, kept = 0) =>
    stmt(db, `SELECT o.intent_id AS intentId, o.agent_id AS agentId, o.market_id AS marketId, o.side, o.price_micro AS price, o.size_micro AS size,
      o.filled_micro AS filled, o.status FROM orders o LEFT JOIN markets m ON m.market_id = o.market_id WHERE m.outcome IS NULL OR o.market_id IN (${LAST_RESOLVED}) ORDER BY o.seq`).all(kept) as Array<{
      intentId: string; agentId: string; marketId: string; side: "BUY" | "SELL"; price: number; size: number; filled: number; status: string;
    }>,

  /** The fill ids booked in markets not yet resolved or among the last `kept` resolved (reversals excluded): a fill heard again under one of them is a duplicate. */
  unresolvedFillIds: (db: Db, kept = 0) =>
    stmt(db, `SELECT f.market_id AS marketId, f.fill_id AS fillId FROM fills f LEFT JOIN markets m ON m.market_id = f.market_id WHERE (m.outcome IS NULL OR f.market_id IN (${LAST_RESOLVED})) AND f.reverses IS NULL`).all(kept) as Array<{ marketId: string; fillId: string }>,

  /** A market's underlying, as its open recorded it. */
  symbolOf: (db: Db, marketId: string): string | undefined =>
    (stmt(db, "SELECT symbol FROM markets WHERE market_id = ?").get(marketId) as { symbol: string } | undefined)?.symbol,
};
