import type { Db } from "../../state/index.ts";
import { meanCi, skillVsMarket, tradeFigures } from "../../floor/stats/index.ts";

/**
 * A day's digest figures recomputed from the ledger with SQL of their own, not with the digest's
 * readers: what docs/DIGEST.md says each number is. Intervals use the documented seeds and order
 * (windows and beliefs in the order the ledger holds them) with floor/stats' own bootstraps.
 */
export function recompute(db: Db, date: string, from: number, to: number) {
  const n = (sql: string, ...a: unknown[]): number => Number((db.prepare(sql).get(...a) as { n: number | null }).n ?? 0);
  const day = [from, to] as const;
  const pnl = n("SELECT SUM(pnl_micro) AS n FROM settlements WHERE ts >= ? AND ts < ?", ...day);
  const windows = db.prepare("SELECT SUM(pnl_micro) AS v FROM settlements WHERE ts >= ? AND ts < ? GROUP BY market_id ORDER BY MIN(ts), MIN(seq)").all(...day) as Array<{ v: number }>;
  const ci = meanCi(windows.map((w) => w.v), { seed: `digest:${date}:pnl` });
  const equityStart = n("SELECT SUM(delta_micro) AS n FROM cash WHERE reason = 'deposit' AND ts < ?", from) + n("SELECT SUM(pnl_micro) AS n FROM settlements WHERE ts < ?", from);
  const deposited = n("SELECT SUM(delta_micro) AS n FROM cash WHERE reason = 'deposit' AND ts >= ? AND ts < ?", ...day);
  // Equity moves at each deposit and settlement; the drawdown runs from the day's running peak.
  const moves = db.prepare("SELECT ts, SUM(d) AS d FROM (SELECT ts, delta_micro AS d FROM cash WHERE reason = 'deposit' AND ts >= ? AND ts < ? UNION ALL SELECT ts, pnl_micro FROM settlements WHERE ts >= ? AND ts < ?) GROUP BY ts ORDER BY ts").all(...day, ...day) as Array<{ ts: number; d: number }>;
  let eq = equityStart;
  let peak = 0;
  let maxDd = 0;
  for (const e of [equityStart, ...moves.map((m) => (eq += m.d))]) {
    peak = Math.max(peak, e);
    if (peak > 0) maxDd = Math.max(maxDd, (peak - e) / peak);
  }
  const agents = (db.prepare("SELECT DISTINCT agent_id FROM settlements WHERE ts >= ? AND ts < ? ORDER BY agent_id").all(...day) as Array<{ agent_id: string }>).map(({ agent_id: id }) => {
    const rows = db.prepare("SELECT ts, pnl_micro AS pnl, cost_micro AS cost FROM settlements WHERE agent_id = ? AND ts >= ? AND ts < ? ORDER BY ts, seq").all(id, ...day) as Array<{ ts: number; pnl: number; cost: number }>;
    const s = (sql: string) => n(`SELECT ${sql} AS n FROM settlements WHERE agent_id = ? AND ts >= ? AND ts < ?`, id, ...day);
    const wins = s("SUM(pnl_micro > 0)");
    const trades = s("COUNT(*)");
    const grossProfit = s("SUM(CASE WHEN pnl_micro > 0 THEN pnl_micro ELSE 0 END)");
    const grossLoss = s("SUM(CASE WHEN pnl_micro <= 0 THEN pnl_micro ELSE 0 END)");
    const base = n("SELECT SUM(delta_micro) AS n FROM cash WHERE agent_id = ? AND reason = 'allocate' AND ts < ?", id, rows[0]!.ts) + n("SELECT SUM(pnl_micro) AS n FROM settlements WHERE agent_id = ? AND ts < ?", id, rows[0]!.ts);
    let e = base;
    let pk = base;
    let dd = 0;
    for (const r of rows) {
      e += r.pnl;
      pk = Math.max(pk, e);
      dd = Math.max(dd, (pk - e) / pk);
    }
    const f = (sql: string) => n(`SELECT ${sql} AS n FROM fills WHERE agent_id = ? AND ts >= ? AND ts < ?`, id, ...day);
    const beliefs = db.prepare("SELECT f.market_id, f.p_up, f.market_p, m.outcome FROM forecasts f JOIN markets m ON m.market_id = f.market_id WHERE f.agent_id = ? AND m.resolved_ts >= ? AND m.resolved_ts < ? AND m.outcome IS NOT NULL ORDER BY f.seq").all(id, ...day) as Array<{ market_id: string; p_up: number; market_p: number | null; outcome: string }>;
    const b = (sql: string) => (db.prepare(`SELECT ${sql} AS n FROM forecasts f JOIN markets m ON m.market_id = f.market_id WHERE f.agent_id = ? AND m.resolved_ts >= ? AND m.resolved_ts < ? AND m.outcome IS NOT NULL`).get(id, ...day) as { n: number | null }).n;
    const skill = skillVsMarket(beliefs.map((x) => ({ marketId: x.market_id, p: x.p_up, marketP: x.market_p, up: x.outcome === "Up" })), { seed: `digest:${date}:skill:${id}` }).skill;
    return {
      id,
      trades,
      wins,
      pnl: s("SUM(pnl_micro)"),
      turnover: s("SUM(MAX(cost_micro, 0))"),
      winRate: wins / trades,
      avgWin: wins ? grossProfit / wins : null,
      avgLoss: trades - wins ? grossLoss / (trades - wins) : null,
      profitFactor: grossLoss < 0 ? grossProfit / -grossLoss : null,
      // Sharpe, Sortino and PSR: the lead's floor/stats formulas on the SQL rows (their own unit tests check them).
      ratios: tradeFigures(rows),
      maxDrawdown: base > 0 ? dd : null,
      fills: f("SUM(reverses IS NULL)"),
      fees: f("SUM(fee_usd_micro)"),
      beliefs: beliefs.length,
      brier: b("AVG((f.p_up - (m.outcome = 'Up')) * (f.p_up - (m.outcome = 'Up')))"),
      brierMarket: b("AVG(CASE WHEN f.market_p IS NOT NULL THEN (f.market_p - (m.outcome = 'Up')) * (f.market_p - (m.outcome = 'Up')) END)"),
      skillEstimate: b("AVG(CASE WHEN f.market_p IS NOT NULL THEN (f.market_p - (m.outcome = 'Up')) * (f.market_p - (m.outcome = 'Up')) - (f.p_up - (m.outcome = 'Up')) * (f.p_up - (m.outcome = 'Up')) END)"),
      skill,
    };
  });
  const audit = (where: string) => n(`SELECT COUNT(*) AS n FROM audit_log WHERE ts >= ? AND ts < ? AND ${where}`, ...day);
  return {
    pnl,
    settlements: n("SELECT COUNT(*) AS n FROM settlements WHERE ts >= ? AND ts < ?", ...day),
    windows: windows.length,
    ci,
    equityStart,
    equityEnd: equityStart + deposited + pnl,
    maxDrawdown: maxDd,
    fills: n("SELECT COUNT(*) AS n FROM fills WHERE reverses IS NULL AND ts >= ? AND ts < ?", ...day),
    fees: n("SELECT SUM(fee_usd_micro) AS n FROM fills WHERE ts >= ? AND ts < ?", ...day),
    agents,
    breakers: audit("kind = 'breaker'"),
    refusals: audit("kind = 'rejected'"),
    violations: audit("severity = 'violation'"),
    restarts: audit("kind = 'agent_restarted'"),
    failures: audit("kind = 'agent_failed'"),
    feed: audit("kind LIKE 'feed%' AND kind != 'feed_ok'"),
    rejections: audit("severity = 'invalid'"),
    errors: audit("severity = 'error'"),
    births: n("SELECT COUNT(*) AS n FROM agents WHERE born_ts >= ? AND born_ts < ?", ...day),
    deaths: n("SELECT COUNT(*) AS n FROM agents WHERE died_ts >= ? AND died_ts < ?", ...day),
    judgements: n("SELECT COUNT(*) AS n FROM judgements WHERE ts >= ? AND ts < ?", ...day),
    transfers: n("SELECT COUNT(*) AS n FROM cash WHERE reason = 'allocate' AND delta_micro > 0 AND ts >= ? AND ts < ?", ...day),
    moved: n("SELECT SUM(delta_micro) AS n FROM cash WHERE reason = 'allocate' AND delta_micro > 0 AND ts >= ? AND ts < ?", ...day),
  };
}
