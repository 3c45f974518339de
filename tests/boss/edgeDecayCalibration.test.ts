import { describe, expect, it } from "vitest";
import { SelectionConfig } from "../../protocols/index.ts";
import { decayWeeks } from "./decayWeeks.ts";

/*
 * The edge-decay defaults (protocols/selectionConfig.ts), measured on simulated weeks of an
 * oracle-like edge (tests/groundtruth/oracleLikeReturns.ts): about 270 trades a day for 7 days, as
 * the oracle trades in the selection sim. A steady edge must be falsely flagged in at most 5% of
 * weeks; an edge that falls to 0 at the start of day 4 must be caught by the week's end. The
 * baseline's mean and sd are estimated from each week's own record, so their error is in the
 * rates. The table it prints is docs/BOSS.md's ("Edge decay").
 */
const WEEK = 7 * 270;
const FALL = 3 * 270;
const DEFAULTS = SelectionConfig.parse({});
const OLD = { decayBaselineTrades: 200, decayBatch: 25, decayK: 0.5, decayH: 5 };
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

describe("the edge-decay test over simulated weeks", () => {
  it("flags a steady oracle-like edge in at most 5% of weeks, and catches its fall to 0 by the week's end", () => {
    const rows: string[] = [];
    const run = (label: string, cfg: typeof OLD, accuracy: number, seed: string) => {
      const steady = decayWeeks(cfg, { weeks: 2000, trades: WEEK, seed: `${seed}/steady`, accuracy });
      const fall = decayWeeks(cfg, { weeks: 1000, trades: WEEK, seed: `${seed}/fall`, accuracy, fallAt: FALL });
      rows.push(`| ${label} | ${accuracy} | ${pct(steady.falseAlarms)} | ${pct(fall.caught)} | ${fall.delayMedian} | ${fall.delayP90} |`);
      return { steady, fall };
    };
    const ours = `${DEFAULTS.decayBaselineTrades}, ${DEFAULTS.decayBatch}, ${DEFAULTS.decayK}, ${DEFAULTS.decayH}`;
    const now = run(ours, DEFAULTS, 0.7, "defaults");
    const old = run("200, 25, 0.5, 5", OLD, 0.7, "old");
    for (const accuracy of [0.65, 0.6]) run(ours, DEFAULTS, accuracy, `weaker-${accuracy}`);
    console.log(["| baseline, batch, k, h | accuracy | steady: flagged | falls to 0 on day 4: caught by day 7 | delay median (trades) | p90 |", "|---|---|---|---|---|---|", ...rows].join("\n"));
    expect(now.steady.falseAlarms).toBeLessThanOrEqual(0.05);
    expect(now.fall.caught).toBeGreaterThanOrEqual(0.95);
    expect(now.fall.delayP90).toBeLessThan(WEEK - FALL);
    // What the defaults replace: the 200-trade baseline's error alone flags the steady edge far more often.
    expect(old.steady.falseAlarms).toBeGreaterThan(0.1);
  });
});
