import { describe, expect, it } from "vitest";
import { SelectionConfig } from "../../../protocols/index.ts";
import { evenRecord } from "../../../tests/helpers/evenRecord.ts";
import { judge } from "./judge.ts";

const cfg = SelectionConfig.parse({});

describe("judge", () => {
  it("waits for minTrades even at a terrible SR, saying how many more", () => {
    const j = judge({ returns: evenRecord(60, 0.3), drawdown: 0.2 }, 1, cfg); // SR −0.44: MinTRL ≈ 21
    expect(j.numbers.psr).toBeLessThan(0.01);
    expect(j.action).toBe("wait");
    expect(j.reason).toBe("60 of 100 trades (minTrades 100): 40 more");
  });

  it("waits for MinTRL even when PSR is already under the bar and the drawdown over its limit", () => {
    const eager = { ...cfg, minTrades: 2, psrKill: 0.3 };
    const j = judge({ returns: evenRecord(200, 0.45), drawdown: 0.9 }, 1, eager); // SR −0.1: MinTRL ≈ 275
    expect(j.numbers.psr).toBeLessThan(0.3);
    expect(j.numbers.minTrl).toBeGreaterThan(200);
    expect(j.action).toBe("wait");
    expect(j.reason).toMatch(/^200 of 27\d trades \(MinTRL 27\d\.\d for SR -0\.1\d+ at α 0\.05\): 7\d more$/);
  });

  it("waits forever on SR 0: no length can tell it from no edge", () => {
    const j = judge({ returns: evenRecord(2000, 0.5), drawdown: 0 }, 1, cfg);
    expect(j.numbers.minTrl).toBe(Infinity);
    expect(j.action).toBe("wait");
  });

  it("kills once PSR falls below the bar past MinTRL", () => {
    const j = judge({ returns: evenRecord(400, 0.45), drawdown: 0.3 }, 2, cfg);
    expect(j.numbers.n).toBeGreaterThanOrEqual(j.numbers.needed);
    expect(j.numbers.psr).toBeCloseTo(0.024, 3); // Φ(−0.1·√399/√1.0202)
    expect(j.action).toBe("kill");
    expect(j.reason).toMatch(/^PSR 0\.024 < 0\.05/);
  });

  it("kills on a drawdown breach past MinTRL, though PSR is fine", () => {
    const j = judge({ returns: evenRecord(1000, 0.55), drawdown: 0.55 }, 1, cfg);
    expect(j.numbers.psr).toBeGreaterThan(0.99);
    expect(j.action).toBe("kill");
    expect(j.reason).toBe("drawdown 55.0% > 50% of its peak equity");
  });

  it("kills a decayed edge (won 65% at first, 45% since) that PSR alone would not kill, nor would clone", () => {
    const returns = [...evenRecord(700, 0.65), ...evenRecord(500, 0.45)];
    const j = judge({ returns, drawdown: 0.2 }, 1, cfg);
    expect(j.numbers.psr).toBeGreaterThan(0.99); // the whole record still has SR 0.13
    expect(j.numbers.dsr).toBeGreaterThan(cfg.dsrClone);
    expect(j.action).toBe("kill");
    expect(j.reason).toMatch(/^edge decay: CUSUM \d+\.\d\d > 5 after \d+ batches of 50 trades, against the first 500 trades' mean 0\.3/);
    // Fresh batches of 50 after the 500-trade baseline: 4 before the fall, the alarm a few batches after it.
    expect(j.numbers.decayBatches).toBeGreaterThan(4);
    expect(j.numbers.decayBatches).toBeLessThan(10);
    // The steady record of the same overall SR is cloned instead.
    expect(judge({ returns: evenRecord(1200, 0.567), drawdown: 0.2 }, 1, cfg).action).toBe("clone");
  });

  describe("clones only when DSR clears the bar", () => {
    const record = { returns: evenRecord(1000, 0.55), drawdown: 0.1 }; // SR 0.1005
    it("one trial: nothing was selected, DSR is PSR, and it clears 0.95", () => {
      const j = judge(record, 1, cfg);
      expect(j.numbers.sr0).toBe(0);
      expect(j.numbers.dsr).toBe(j.numbers.psr);
      expect(j.action).toBe("clone");
      expect(j.reason).toMatch(/^DSR 0\.99\d ≥ 0\.95: SR 0\.1\d+ over 1000 trades beats SR0 0\.0000, the best that one variant of no skill would show over as many trades$/);
    });
    it("the same SR as the best of 200 variants tried: luck's best of 200 over 1,000 trades is SR 0.0875, so it is kept", () => {
      const j = judge(record, 200, cfg);
      expect(j.numbers.psr).toBeGreaterThan(0.99);
      expect(j.numbers.sr0).toBeCloseTo(2.7655 / Math.sqrt(999), 4); // E[max of 200 standard normals] by the DSR paper's approximation, over √(n − 1)
      expect(j.numbers.dsr).toBeCloseTo(0.657, 3);
      expect(j.numbers.trials).toBe(200);
      expect(j.action).toBe("keep");
      expect(j.reason).toMatch(/^PSR 0\.999 ≥ 0\.05, DSR 0\.657 < 0\.95 \(SR 0\.1005 vs SR0 0\.0875 of 200 trials\)/);
    });
    it("a lucky short record is deflated at its own length: SR 0.25 over 100 trades among 10 tried is kept, over 1,000 cloned", () => {
      // Luck's best of 10 over 100 trades is SR 0.158, and over 1,000 only 0.050.
      const short = judge({ returns: evenRecord(100, 0.62), drawdown: 0.1 }, 10, cfg);
      expect(short.numbers.psr).toBeGreaterThan(0.95); // cloned on PSR alone, or with nothing to deflate by
      expect(short.numbers.sr0).toBeCloseTo(0.158, 3);
      expect(short.action).toBe("keep");
      const long = judge({ returns: evenRecord(1000, 0.62), drawdown: 0.1 }, 10, cfg);
      expect(long.numbers.sr0).toBeCloseTo(0.05, 3);
      expect(long.action).toBe("clone");
    });
  });

  it("refuses a drawdown that is not a fraction, and no trials", () => {
    expect(() => judge({ returns: [], drawdown: 1.5 }, 1, cfg)).toThrow(RangeError);
    expect(() => judge({ returns: [], drawdown: 0 }, 0, cfg)).toThrow(RangeError);
  });
});
