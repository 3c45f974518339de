import { expect, it } from "vitest";
import { baseUnits, fundsShortfall } from "./fundsShortfall.ts";

const EXCHANGE = "0xE111180000d2663C0091e4f400237545B87B996B";
const buy = { side: "BUY" as const, price: 520_000, size: 10_000_000 }; // costs $5.20

it("a BUY needs collateral for price × size, rounded up to the micro-dollar", () => {
  expect(fundsShortfall(buy, { collateral: 5_200_000 }, EXCHANGE)).toBeUndefined();
  expect(fundsShortfall(buy, { collateral: 5_199_999 }, EXCHANGE)).toBe("insufficient collateral: need 5200000, have 5199999");
  expect(fundsShortfall({ side: "BUY", price: 333_333, size: 3 }, { collateral: 0 }, EXCHANGE)).toBe("insufficient collateral: need 1, have 0");
});

it("a BUY needs the exchange's listed allowance (any address case); an unlisted spender is not held against it", () => {
  const funds = { collateral: 1e9, allowances: { [EXCHANGE.toLowerCase()]: "5199999" } };
  expect(fundsShortfall(buy, funds, EXCHANGE)).toMatch(/^allowance too small: the exchange 0xe111.* may spend 5199999 of the 5200000 needed/);
  expect(fundsShortfall(buy, { collateral: 1e9, allowances: { [EXCHANGE]: "115792089237316195423570985008687907853269984665640564039457584007913129639935" } }, EXCHANGE)).toBeUndefined();
  expect(fundsShortfall(buy, { collateral: 1e9, allowances: { "0x0000000000000000000000000000000000000001": "0" } }, EXCHANGE)).toBeUndefined();
});

it("a SELL needs the shares, whatever the collateral", () => {
  const sell = { side: "SELL" as const, price: 520_000, size: 10_000_000 };
  expect(fundsShortfall(sell, { collateral: 0, shares: 10_000_000 }, EXCHANGE)).toBeUndefined();
  expect(fundsShortfall(sell, { collateral: 1e9, shares: 3_000_000 }, EXCHANGE)).toBe("insufficient shares: need 10000000, have 3000000");
});

it("reads balances in base units or decimals", () => {
  expect(baseUnits("5200000")).toBe(5_200_000);
  expect(baseUnits("5.2")).toBe(5_200_000);
  expect(baseUnits(undefined)).toBe(0);
});
