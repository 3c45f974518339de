import { getMeta, type Db } from "../../state/index.ts";
import { agentDay } from "./agentDay.ts";
import type { DigestDay } from "./DigestDay.ts";
import { floorDay } from "./floorDay.ts";
import { forecastsOfDay } from "./forecastsOfDay.ts";
import { readAuditDay } from "./readAuditDay.ts";
import { readLedgerDay } from "./readLedgerDay.ts";
import { readRosterDay } from "./readRosterDay.ts";
import { tradersOfDay } from "./tradersOfDay.ts";
import { parseDay } from "./utcDate.ts";

/**
 * Every number of one UTC day's digest (`YYYY-MM-DD`, floor time), read from the database alone:
 * the ledger (settlements, fills, cash), the registry, the boss's judgements, the forecasts and
 * the audit log. The same database gives the same object, byte for byte once rendered: its
 * bootstrap seeds are the date's.
 */
export function digestData(db: Db, date: string): DigestDay {
  const { from, to } = parseDay(date);
  const ledger = readLedgerDay(db, from, to);
  const audit = readAuditDay(db, from, to);
  const fills = [...ledger.fills.values()].reduce((a, f) => ({ count: a.count + f.count, fees: a.fees + f.fees, feeShares: a.feeShares + f.feeShares }), { count: 0, fees: 0, feeShares: 0 });
  const day = floorDay({ date, from, to, settlements: ledger.settlements, deposits: ledger.deposits, equityBefore: ledger.equityBefore, fills: fills.count, fees: fills.fees, feeShares: fills.feeShares });
  const forecasts = forecastsOfDay(db, from, to);
  const active = new Set([...ledger.settlements.map((s) => s.agentId), ...ledger.fills.keys()]);
  const agents = tradersOfDay(db, from, to, active).map((agent) => {
    const settlements = ledger.settlements.filter((s) => s.agentId === agent.agentId);
    return agentDay({
      date,
      from,
      agent,
      settlements,
      fills: ledger.fills.get(agent.agentId) ?? { count: 0, fees: 0, feeShares: 0 },
      equityBase: settlements.length ? ledger.agentEquityBefore(agent.agentId, settlements[0]!.ts) : 0,
      forecasts: forecasts.get(agent.agentId) ?? [],
    });
  });
  return {
    date,
    from,
    to,
    mode: getMeta(db, "mode") ?? null,
    coverage: audit.coverage,
    floor: day.floor,
    equity: day.equity,
    drawdown: day.drawdown,
    agents,
    trades: ledger.settlements,
    risk: { breakers: audit.breakers, refusals: audit.refusals },
    violations: audit.violations,
    roster: readRosterDay(db, from, to),
    capital: { transfers: ledger.transfers, deposits: ledger.deposits },
    health: audit.health,
  };
}

/** A day the database knows nothing of: no audited fact and no ledger row. */
export const isEmptyDay = (d: DigestDay): boolean => d.coverage.firstFact === null && d.trades.length === 0 && d.floor.fills === 0 && d.capital.transfers.length === 0 && d.capital.deposits.length === 0;
