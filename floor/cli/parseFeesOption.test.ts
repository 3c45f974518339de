import { describe, expect, it } from "vitest";
import { parseFeesOption, parseRebateOption } from "./parseFeesOption.ts";

describe("parseFeesOption", () => {
  it("reads RATE,EXPONENT in pUSD, and an optional currency", () => {
    expect(parseFeesOption("0.07,1")).toEqual({ rate: 0.07, exponent: 1, takerOnly: true, currency: "usd" });
    expect(parseFeesOption(" 0.25 , 2 , shares ")).toEqual({ rate: 0.25, exponent: 2, takerOnly: true, currency: "shares" });
    expect(parseFeesOption("0,1,USD")).toEqual({ rate: 0, exponent: 1, takerOnly: true, currency: "usd" });
  });
  it("says what is wrong with bad input", () => {
    expect(() => parseFeesOption("0.07")).toThrow(/--fees expects RATE,EXPONENT\[,CURRENCY\].*got "0.07"/);
    expect(() => parseFeesOption("0.07,1,usd,extra")).toThrow(/--fees expects/);
    expect(() => parseFeesOption("")).toThrow(/--fees expects/);
    expect(() => parseFeesOption("seven,1")).toThrow(/--fees RATE must be a number from 0 to 1: got "seven"/);
    expect(() => parseFeesOption("1.5,1")).toThrow(/--fees RATE must be a number from 0 to 1/);
    expect(() => parseFeesOption("-0.1,1")).toThrow(/--fees RATE/);
    expect(() => parseFeesOption("0.07,")).toThrow(/--fees EXPONENT must be a number from 0 to 4: got ""/);
    expect(() => parseFeesOption("0.07,5")).toThrow(/--fees EXPONENT/);
    expect(() => parseFeesOption("0.07,1,eur")).toThrow(/--fees CURRENCY must be usd or shares: got "eur"/);
  });
});

describe("parseRebateOption", () => {
  it("takes a share from 0 to 1 and names the option when it is not one", () => {
    expect(parseRebateOption("--maker-rebate", "0.2")).toBe(0.2);
    expect(parseRebateOption("--taker-rebate", "0")).toBe(0);
    expect(() => parseRebateOption("--taker-rebate", "20%")).toThrow(/--taker-rebate must be a number from 0 to 1: got "20%"/);
    expect(() => parseRebateOption("--maker-rebate", "1.2")).toThrow(/--maker-rebate/);
  });
});
