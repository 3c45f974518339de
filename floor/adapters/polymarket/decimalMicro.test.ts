import { describe, expect, it } from "vitest";
import { decimalMicro, optionalDecimalMicro } from "./decimalMicro.ts";

describe("decimalMicro", () => {
  it("reads Polymarket's decimal strings, including a leading dot", () => {
    expect(decimalMicro("0.52")).toBe(520_000);
    expect(decimalMicro(".48")).toBe(480_000);
    expect(decimalMicro("2200.8")).toBe(2_200_800_000);
    expect(decimalMicro("0")).toBe(0);
    expect(decimalMicro("5")).toBe(5_000_000);
    expect(decimalMicro("0.001")).toBe(1_000);
  });
  it("rounds past 6 decimals half up", () => {
    expect(decimalMicro("4.9999994")).toBe(4_999_999);
    expect(decimalMicro("4.9999995")).toBe(5_000_000);
  });
  it("rejects what is not a plain decimal or is too large", () => {
    for (const bad of ["", ".", "-1", "1e3", "abc", "0x10", " 1", "1.2.3", "99999999999999999999", "1".repeat(50)]) expect(decimalMicro(bad)).toBeUndefined();
  });
  it("treats an empty optional as absent and garbage as invalid", () => {
    expect(optionalDecimalMicro("")).toBeUndefined();
    expect(optionalDecimalMicro(undefined)).toBeUndefined();
    expect(optionalDecimalMicro("0.585")).toBe(585_000);
    expect(optionalDecimalMicro("x")).toBeNull();
  });
});
