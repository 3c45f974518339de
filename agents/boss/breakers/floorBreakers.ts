import { totals } from "./errorWindow.ts";
import type { BreakerDef } from "./BreakerDef.ts";
import { DAY_MS, type FloorBreaker } from "./RiskState.ts";
import { pct, usd } from "../gate/format.ts";

const HOUR_MS = 3_600_000;
const when = (ms: number) => new Date(ms).toISOString().replace("T", " ").slice(0, 16) + " UTC";

/** The error window's rate, when it holds enough answers to judge. */
function errorRate(s: Parameters<BreakerDef["check"]>[0], r: Parameters<BreakerDef["check"]>[2]) {
  const { answered, errors } = totals(s.errors);
  return { answered, errors, rate: answered > 0 ? errors / answered : 0, judged: answered >= r.errorMinOrders };
}

/** The floor's breakers (docs/BOSS.md, "Risk gate"): each trips the floor into `reducing` or `halted`. */
export const FLOOR_BREAKERS: ReadonlyArray<BreakerDef & { name: FloorBreaker }> = [
  {
    name: "dailyLoss",
    mode: "halted",
    check(s, _e, r) {
      const limit = Math.round(s.dayOpenEquity * r.dailyLossPct);
      if (s.dayPnl >= 0 || -s.dayPnl < limit) return undefined;
      const until = (s.day + 1) * DAY_MS;
      return { until, reason: `daily loss: ${usd(-s.dayPnl)} realised today, the limit is ${usd(limit)} (${pct(r.dailyLossPct)} of the day's opening equity ${usd(s.dayOpenEquity)}); halted until ${when(until)}`, numbers: { dayPnl: s.dayPnl, limit, dayOpenEquity: s.dayOpenEquity } };
    },
    resume: (s) => ({ state: s, why: "a new UTC day of floor time began", numbers: { dayOpenEquity: s.dayOpenEquity } }),
  },
  {
    name: "drawdown",
    mode: "halted",
    check(s, e, r) {
      const drawdown = s.highWater - s.equity;
      if (drawdown <= 0 || drawdown < Math.round(s.highWater * r.drawdownPct)) return undefined;
      const until = e.now + r.drawdownCooldownHours * HOUR_MS;
      return {
        until,
        reason: `drawdown: realised equity ${usd(s.equity)} is ${pct(drawdown / s.highWater)} below its high-water mark ${usd(s.highWater)} (limit ${pct(r.drawdownPct)}); halted until ${when(until)}, then the mark resets`,
        numbers: { equity: s.equity, highWater: s.highWater, drawdown, limitPct: r.drawdownPct },
      };
    },
    // Nothing new trades while halted, so realised equity cannot climb back: waiting for it would never end.
    resume: (s, r) => ({ state: { ...s, highWater: s.equity }, why: `the ${r.drawdownCooldownHours} h cooldown is over: the high-water mark is reset to the equity now`, numbers: { equity: s.equity, highWater: s.equity } }),
  },
  {
    name: "errorRate",
    mode: "reducing",
    check(s, _e, r) {
      const x = errorRate(s, r);
      if (!x.judged || x.rate <= r.errorRatePct) return undefined;
      return {
        until: null,
        reason: `exchange errors: ${x.errors} of ${x.answered} orders answered in the last ${r.errorWindowSec} s (${pct(x.rate)}, limit ${pct(r.errorRatePct)}); reducing until the rate falls back`,
        numbers: { errors: x.errors, answered: x.answered, rate: x.rate, limit: r.errorRatePct, windowSec: r.errorWindowSec },
      };
    },
    holds: (s, r) => {
      const x = errorRate(s, r);
      return x.judged && x.rate > r.errorRatePct;
    },
    resume(s, r) {
      const x = errorRate(s, r);
      return { state: s, why: `exchange errors back to ${x.errors} of ${x.answered} in the last ${r.errorWindowSec} s`, numbers: { errors: x.errors, answered: x.answered, rate: x.rate } };
    },
  },
  {
    name: "spotMove",
    mode: "halted",
    renews: true,
    check(_s, e, r) {
      if (e.type !== "spotMove" || e.move <= r.spotMovePct) return undefined;
      const until = e.now + r.spotMoveWindowMin * 60_000;
      return { until, reason: `${e.symbol} moved ${pct(e.move)} within ${r.spotMoveWindowMin} min (limit ${pct(r.spotMovePct)}); halted until a whole window passes without such a move`, numbers: { symbol: e.symbol, move: e.move, limit: r.spotMovePct } };
    },
    resume: (s, r) => ({ state: s, why: `${r.spotMoveWindowMin} min without a move over ${pct(r.spotMovePct)}`, numbers: {} }),
  },
];
