import type { Db } from "./openDb.ts";
import { depositsOf } from "./ledger.ts";
import { scalar, stmt } from "./stmt.ts";

/**
 * What the boss's risk gate reads from the ledger besides an agent's own figures. Each reads the
 * positions table, which holds open positions only (settlement clears them), never the order or
 * fill history.
 */
export const riskFigures = {
  /** Net cash spent on open positions in one market, Up and Down, every agent's. */
  openCostIn: (db: Db, marketId: string): number => scalar(db, "SELECT SUM(cost_micro) AS n FROM positions WHERE market_id = ?", marketId),

  /** Net cash spent on open positions in every market of one underlying. */
  openCostOfSymbol: (db: Db, symbol: string): number =>
    scalar(db, "SELECT SUM(p.cost_micro) AS n FROM positions p JOIN markets m ON m.market_id = p.market_id WHERE m.symbol = ?", symbol),

  /** A market's underlying, as its open recorded it. */
  symbolOf: (db: Db, marketId: string): string | undefined =>
    (stmt(db, "SELECT symbol FROM markets WHERE market_id = ?").get(marketId) as { symbol: string } | undefined)?.symbol,

  /** Realised equity: every deposit plus every settlement's PnL (read once, when the boss starts without a book). */
  realisedEquity: (db: Db): number => depositsOf(db) + scalar(db, "SELECT SUM(pnl_micro) AS n FROM settlements"),
};
