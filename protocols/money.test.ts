import { describe, expect, it } from "vitest";
import { divMicro, formatMicro, microFromDecimal, microFromNumber, mulMicro } from "./money.ts";

describe("money", () => {
  it("parses decimals exactly", () => {
    expect(microFromDecimal("0.52")).toBe(520_000);
    expect(microFromDecimal("-3.000001")).toBe(-3_000_001);
    expect(microFromDecimal("10000")).toBe(10_000_000_000);
    expect(() => microFromDecimal("0.1234567")).toThrow(/at most 6/);
    expect(() => microFromDecimal("1e3")).toThrow();
  });
  it("multiplies without float error, even past 2^53 intermediates", () => {
    expect(mulMicro(520_000, 100_000_000)).toBe(52_000_000); // 100 shares at 0.52 = $52
    expect(mulMicro(999_999, 9_000_000_000_000)).toBe(8_999_991_000_000);
    expect(mulMicro(1, 500_000)).toBe(1); // 0.5 micro rounds away from zero
    expect(mulMicro(-1, 500_000)).toBe(-1);
  });
  it("divides toward zero", () => {
    expect(divMicro(52_000_000, 520_000)).toBe(100_000_000);
    expect(divMicro(1_000_000, 3_000_000)).toBe(333_333);
  });
  it("rounds a model float once and formats", () => {
    expect(microFromNumber(0.1 + 0.2)).toBe(300_000);
    expect(formatMicro(-1_500_000)).toBe("-1.500000");
  });
});
