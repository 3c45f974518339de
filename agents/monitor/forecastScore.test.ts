import { describe, expect, it } from "vitest";
import { addBelief, mergeSums, NO_BELIEFS } from "./beliefSums.ts";
import { EMPTY_FORECAST_SCORE, foldSums, foldWindow, forecastFigures } from "./forecastScore.ts";

const b = (pUp: number, marketP: number | null, agentId = "a") => ({ agentId, pUp, marketP });

describe("forecast score", () => {
  it("scores beliefs against the outcome and the market's price at the same moments", () => {
    // Window 1 went Up: agent 0.8 and 0.6, market 0.5 and 0.5. Window 2 went Down: agent 0.3, market 0.4.
    const s = foldWindow(foldWindow(EMPTY_FORECAST_SCORE, [b(0.8, 0.5), b(0.6, 0.5)], true), [b(0.3, 0.4)], false);
    const f = forecastFigures(s);
    expect(f.n).toBe(3);
    expect(f.brier).toBeCloseTo((0.04 + 0.16 + 0.09) / 3, 12);
    expect(f.marketBrier).toBeCloseTo((0.25 + 0.25 + 0.16) / 3, 12);
    expect(f.skill).toBeCloseTo((0.66 - 0.29) / 3, 12); // positive: the agent knew more
    // Two windows: D = (0.25−0.04)+(0.25−0.16) = 0.30 over 2 beliefs, and 0.16−0.09 = 0.07 over 1.
    const k = 0.37 / 3;
    const se = Math.sqrt(2 * ((0.3 - 2 * k) ** 2 + (0.07 - k) ** 2)) / 3;
    expect(f.skillLo).toBeCloseTo(k - 1.96 * se, 12);
    expect(f.skillHi).toBeCloseTo(k + 1.96 * se, 12);
  });

  it("counts a belief with no market price in the agent's Brier only, and gives no interval before two windows", () => {
    const f = forecastFigures(foldWindow(EMPTY_FORECAST_SCORE, [b(0.9, null), b(0.7, 0.6)], true));
    expect(f).toMatchObject({ n: 2, paired: 1, markets: 1, skillLo: null, skillHi: null });
    expect(f.brier).toBeCloseTo((0.01 + 0.09) / 2, 12);
    expect(f.skill).toBeCloseTo(0.16 - 0.09, 12);
    expect(forecastFigures(EMPTY_FORECAST_SCORE)).toMatchObject({ n: 0, brier: null, skill: null });
  });

  it("an agent that copies the market has zero skill", () => {
    const s = [true, false, true].reduce((acc, up, i) => foldWindow(acc, [b(0.3 + i * 0.2, 0.3 + i * 0.2)], up), EMPTY_FORECAST_SCORE);
    expect(forecastFigures(s)).toMatchObject({ skill: 0, skillLo: 0, skillHi: 0 });
  });

  it("adds log loss and calibration buckets, and the floor's sums are its agents' added", () => {
    const s = foldWindow(foldWindow(EMPTY_FORECAST_SCORE, [b(0.8, 0.5), b(0.6, 0.5)], true), [b(0.3, 0.4)], false);
    const f = forecastFigures(s);
    // −ln 0.8 − ln 0.6 − ln 0.7 (the Down window: 1 − 0.3), over 3.
    expect(f.logLoss).toBeCloseTo((0.2231435513142097 + 0.5108256237659907 + 0.35667494393873245) / 3, 12);
    expect(f.calibration).toEqual([
      { lo: 0.3, hi: 0.4, n: 1, meanP: 0.3, freqUp: 0 },
      { lo: 0.6, hi: 0.7, n: 1, meanP: 0.6, freqUp: 1 },
      { lo: 0.8, hi: 0.9, n: 1, meanP: 0.8, freqUp: 1 },
    ]);
    // Two agents' sums of one window merged score as one agent with both beliefs.
    const merged = foldSums(EMPTY_FORECAST_SCORE, mergeSums([b(0.8, 0.5)].reduce(addBelief, NO_BELIEFS), [b(0.6, 0.5, "c")].reduce(addBelief, NO_BELIEFS)), true);
    expect(forecastFigures(merged)).toEqual(forecastFigures(foldWindow(EMPTY_FORECAST_SCORE, [b(0.8, 0.5), b(0.6, 0.5)], true)));
  });

  it("scores a checkpoint's score from before log loss: no log loss until new beliefs come", () => {
    const { sumLog: _a, calN: _b, calP: _c, calUp: _d, ...old } = foldWindow(EMPTY_FORECAST_SCORE, [b(0.8, 0.5)], true);
    expect(forecastFigures(old)).toMatchObject({ n: 1, logLoss: null });
    expect(forecastFigures(foldWindow(old, [b(0.5, null)], false)).logLoss).toBeCloseTo(Math.LN2, 12);
  });
});
