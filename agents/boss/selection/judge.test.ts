import { describe, expect, it } from "vitest";
import { SelectionConfig } from "../../../protocols/index.ts";
import { normInv } from "../../../floor/pricing/index.ts";
import { evenRecord } from "../../../tests/helpers/evenRecord.ts";
import { judge } from "./judge.ts";

const cfg = SelectionConfig.parse({});

describe("judge", () => {
  it("waits for minTrades even at a terrible SR, saying how many more", () => {
    const j = judge({ returns: evenRecord(60, 0.3), drawdown: 0.2 }, [-0.4], cfg); // SR −0.44: MinTRL ≈ 21
    expect(j.numbers.psr).toBeLessThan(0.01);
    expect(j.action).toBe("wait");
    expect(j.reason).toBe("60 of 100 trades (minTrades 100): 40 more");
  });

  it("waits for MinTRL even when PSR is already under the bar and the drawdown over its limit", () => {
    const eager = { ...cfg, minTrades: 2, psrKill: 0.3 };
    const j = judge({ returns: evenRecord(200, 0.45), drawdown: 0.9 }, [-0.1], eager); // SR −0.1: MinTRL ≈ 275
    expect(j.numbers.psr).toBeLessThan(0.3);
    expect(j.numbers.minTrl).toBeGreaterThan(200);
    expect(j.action).toBe("wait");
    expect(j.reason).toMatch(/^200 of 27\d trades \(MinTRL 27\d\.\d for SR -0\.1\d+ at α 0\.05\): 7\d more$/);
  });

  it("waits forever on SR 0: no length can tell it from no edge", () => {
    const j = judge({ returns: evenRecord(2000, 0.5), drawdown: 0 }, [0], cfg);
    expect(j.numbers.minTrl).toBe(Infinity);
    expect(j.action).toBe("wait");
  });

  it("kills once PSR falls below the bar past MinTRL", () => {
    const j = judge({ returns: evenRecord(400, 0.45), drawdown: 0.3 }, [-0.1, 0.02], cfg);
    expect(j.numbers.n).toBeGreaterThanOrEqual(j.numbers.needed);
    expect(j.numbers.psr).toBeCloseTo(0.024, 3); // Φ(−0.1·√399/√1.0202)
    expect(j.action).toBe("kill");
    expect(j.reason).toMatch(/^PSR 0\.024 < 0\.05/);
  });

  it("kills on a drawdown breach past MinTRL, though PSR is fine", () => {
    const j = judge({ returns: evenRecord(1000, 0.55), drawdown: 0.55 }, [0.1], cfg);
    expect(j.numbers.psr).toBeGreaterThan(0.99);
    expect(j.action).toBe("kill");
    expect(j.reason).toBe("drawdown 55.0% > 50% of its peak equity");
  });

  it("kills a decayed edge (won 65% at first, 45% since) that PSR alone would not kill, nor would clone", () => {
    const returns = [...evenRecord(500, 0.65), ...evenRecord(500, 0.45)];
    const j = judge({ returns, drawdown: 0.2 }, [0.1], cfg);
    expect(j.numbers.psr).toBeGreaterThan(0.99); // the whole record still has SR 0.1
    expect(j.numbers.dsr).toBeGreaterThan(cfg.dsrClone);
    expect(j.action).toBe("kill");
    expect(j.reason).toMatch(/^edge decay: CUSUM \d+\.\d\d > 5 after \d+ batches of 25 trades, against the first 200 trades' mean 0\.3/);
    // Fresh batches of 25 after the 200-trade baseline: 12 before the fall, the alarm a few batches after it.
    expect(j.numbers.decayBatches).toBeGreaterThan(12);
    expect(j.numbers.decayBatches).toBeLessThan(20);
    // The steady record of the same overall SR is cloned instead.
    expect(judge({ returns: evenRecord(1000, 0.55), drawdown: 0.2 }, [0.1], cfg).action).toBe("clone");
  });

  describe("clones only when DSR clears the bar", () => {
    const record = { returns: evenRecord(1000, 0.55), drawdown: 0.1 };
    const sr = 0.1;
    it("one trial: nothing was selected, DSR is PSR, and it clears 0.95", () => {
      const j = judge(record, [sr], cfg);
      expect(j.numbers.sr0).toBe(0);
      expect(j.numbers.dsr).toBe(j.numbers.psr);
      expect(j.action).toBe("clone");
      expect(j.reason).toMatch(/^DSR 0\.99\d ≥ 0\.95: SR 0\.1\d+ over 1000 trades beats SR0 0\.0000, the best that luck gives one trial$/);
    });
    it("the same SR as the best of 200 zero-skill trials (spread 1/√1000): deflated below the bar, kept", () => {
      const trials = Array.from({ length: 200 }, (_, i) => normInv((i + 0.5) / 200) / Math.sqrt(1000));
      trials[199] = sr;
      const j = judge(record, trials, cfg);
      expect(j.numbers.psr).toBeGreaterThan(0.99);
      expect(j.numbers.sr0).toBeGreaterThan(0.08);
      expect(j.numbers.dsr).toBeLessThan(0.95);
      expect(j.numbers.trials).toBe(200);
      expect(j.action).toBe("keep");
    });
  });

  it("refuses a drawdown that is not a fraction", () => {
    expect(() => judge({ returns: [], drawdown: 1.5 }, [0], cfg)).toThrow(RangeError);
  });
});
