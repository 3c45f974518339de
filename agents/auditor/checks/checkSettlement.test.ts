import { describe, expect, it } from "vitest";
import { checkSettlement } from "./checkSettlement.ts";

const M = 1_000_000;
// Fills left 10 Up (cost 5.20 with fees) and 4 Down (cost 1.90): 7.10 spent. Up won: payout 10, PnL 2.90.
const held = { upShares: 10 * M, downShares: 4 * M, cost: 7_100_000, outcome: "Up" as const };
const good = { winner: "Up" as const, upShares: 10 * M, downShares: 4 * M, payout: 10 * M, pnl: 2_900_000 };

describe("checkSettlement", () => {
  it("passes a settlement that pays the winner's shares less the fills' cost", () => {
    expect(checkSettlement(good, held, "Up")).toBeUndefined();
    expect(checkSettlement({ ...good, winner: "Down", payout: 4 * M, pnl: -3_100_000 }, { ...held, outcome: "Down" }, undefined)).toBeUndefined();
  });
  it("flags the wrong winner, against the ledger or the feed", () => {
    expect(checkSettlement({ ...good, winner: "Down" }, held, undefined)).toMatchObject({ rule: "settle.outcome", allowed: "Up", actual: "Down" });
    expect(checkSettlement(good, held, "Down")).toMatchObject({ rule: "settle.outcome", allowed: "Up", actual: "Up" });
    expect(checkSettlement(good, { ...held, outcome: undefined }, undefined)).toMatchObject({ rule: "settle.outcome", allowed: "a resolved market" });
  });
  it("flags shares, payout or PnL the fills do not make", () => {
    expect(checkSettlement({ ...good, upShares: 11 * M, payout: 11 * M, pnl: 3_900_000 }, held, "Up")).toEqual({ rule: "settle.payout", allowed: 10 * M, actual: 11 * M, reason: "settlement upShares 11000000; the fills make 10000000" });
    expect(checkSettlement({ ...good, pnl: 10 * M }, held, "Up")).toMatchObject({ rule: "settle.payout", allowed: 2_900_000, actual: 10 * M });
  });
});
