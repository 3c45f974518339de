import { describe, expect, it } from "vitest";
import { hours, orNa, pct, ratio, usd, usdOf } from "./formatFigures.ts";

describe("the digest's number formats", () => {
  it("prints micro-USD as dollars and cents, rounding half away from zero", () => {
    expect(usd(0)).toBe("$0.00");
    expect(usd(1_234_565_000)).toBe("$1,234.57");
    expect(usd(1_234_564_999)).toBe("$1,234.56");
    expect(usd(-5_000)).toBe("-$0.01");
    expect(usd(-4_999)).toBe("$0.00"); // rounds to zero cents: no minus sign on zero
    expect(usd(-12_345_678_901)).toBe("-$12,345.68");
    expect(() => usd(0.5)).toThrow(/integer/);
  });

  it("rounds an interval bound to a micro first and says so for an unbounded one", () => {
    expect(usdOf(1_004_999.6)).toBe("$1.01");
    expect(usdOf(-Infinity)).toBe("-inf");
  });

  it("prints ratios, percentages and durations", () => {
    expect(ratio(1.23456)).toBe("1.2346");
    expect(ratio(-0.5, 2)).toBe("-0.50");
    expect(pct(0.5625)).toBe("56.25%");
    expect(hours(5_400_000)).toBe("1h30m");
    expect(hours(59_000)).toBe("1m");
  });

  it("says why a figure is missing instead of printing 0", () => {
    expect(orNa(null, ratio, "no trades")).toBe("n/a (no trades)");
    expect(orNa(0, ratio, "no trades")).toBe("0.0000");
  });
});
