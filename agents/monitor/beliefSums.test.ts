import { describe, expect, it } from "vitest";
import { createActor } from "xstate";
import { createRng } from "../../floor/random/createRng.ts";
import { EMPTY_FORECAST_SCORE, forecastFigures, type ForecastScore, type PendingBelief } from "./forecastScore.ts";
import { monitorMachine } from "./monitorMachine.ts";

/** The fold as it was before beliefs were summed on arrival: every belief kept, then summed at resolution. */
function foldEach(s: ForecastScore, beliefs: readonly PendingBelief[], up: boolean): ForecastScore {
  const o = up ? 1 : 0;
  let sqAgent = 0, n = 0, d = 0, sa = 0, sm = 0;
  for (const b of beliefs) {
    const a = (b.pUp - o) ** 2;
    sqAgent += a;
    if (b.marketP === null) continue;
    const m = (b.marketP - o) ** 2;
    n++;
    sa += a;
    sm += m;
    d += m - a;
  }
  const r = { ...s, n: s.n + beliefs.length, sqAgent: s.sqAgent + sqAgent };
  if (n === 0) return r;
  return { ...r, paired: s.paired + n, sqAgentPaired: s.sqAgentPaired + sa, sqMarketPaired: s.sqMarketPaired + sm, markets: s.markets + 1, sumD2: s.sumD2 + d * d, sumDn: s.sumDn + d * n, sumN2: s.sumN2 + n * n };
}

describe("beliefs summed as they come", () => {
  it("give the monitor the same scores, to the last bit", () => {
    const rng = createRng(11);
    const agents = ["t-9", "123", "t-1"];
    const monitor = createActor(monitorMachine).start();
    const expected = new Map<string, ForecastScore>();
    for (let w = 0; w < 6; w++) {
      const marketId = `m${w}`;
      const beliefs: PendingBelief[] = [];
      for (let k = 0; k < 40; k++) {
        const b = { agentId: agents[Math.floor(rng.next() * agents.length)]!, pUp: rng.next(), marketP: rng.next() < 0.2 ? null : rng.next() };
        beliefs.push(b);
      }
      // In batches of uneven size, as steps hand them over.
      for (let i = 0; i < beliefs.length; i += 1 + (i % 7)) monitor.send({ type: "BELIEFS", marketId, beliefs: beliefs.slice(i, i + 1 + (i % 7)) });
      const up = rng.next() < 0.5;
      const spoke = [...new Set(beliefs.map((b) => b.agentId))];
      for (const a of spoke) expected.set(a, foldEach(expected.get(a) ?? EMPTY_FORECAST_SCORE, beliefs.filter((b) => b.agentId === a), up));
      monitor.send({ type: "RESOLVED", marketId, up });
    }
    const { forecasts, pending } = monitor.getSnapshot().context;
    expect(pending).toEqual({});
    for (const [a, s] of expected) {
      // The sums as they were (issue 13 added log loss and calibration beside them: forecastScore.test.ts).
      const { sumLog: _l, calN: _n, calP: _p, calUp: _u, ...before } = forecasts![a]!;
      expect(before).toEqual(s); // toEqual on numbers is Object.is: the same float
      const { logLoss: _ll, calibration: _c, ...figures } = forecastFigures(forecasts![a]!);
      const { logLoss: _ll2, calibration: _c2, ...expectedFigures } = forecastFigures(s);
      expect(figures).toEqual(expectedFigures);
    }
    // The floor's score holds every agent's beliefs.
    expect(forecasts!.floor!.n).toBe(6 * 40);
  });
});
