import { describe, expect, it } from "vitest";
import { feeEra, feeFromData, NO_FEES } from "./feeEra.ts";

const at = (iso: string) => Date.parse(iso);
const JAN_2026 = { rate: 0.25, exponent: 2, takerOnly: true, currency: "shares" };
const V2 = { rate: 0.07, exponent: 1, takerOnly: true, currency: "usd", rebateRate: 0.2 };

describe("feeEra", () => {
  it("charges nothing on crypto Up/Down before 2026-01-05", () => {
    const e = feeEra(at("2025-12-15T12:00:00Z"), 15);
    expect(e).toMatchObject({ schedule: NO_FEES, source: "assumed" });
    expect(e.note).toMatch(/no fees on 15-minute .* before 2026-01-05/);
    expect(feeEra(at("2026-01-04T23:45:00Z"), 15).schedule).toEqual(NO_FEES);
  });
  it("15-minute windows from 2026-01-05: rate 0.25, exponent 2, in shares", () => {
    expect(feeEra(at("2026-01-05T00:00:00Z"), 15)).toMatchObject({ schedule: JAN_2026, note: expect.stringMatching(/from 2026-01-05/) });
    expect(feeEra(at("2026-03-29T23:45:00Z"), 15).schedule).toEqual(JAN_2026);
  });
  it("5-minute windows from 2026-02-12", () => {
    expect(feeEra(at("2026-02-11T23:55:00Z"), 5).schedule).toEqual(NO_FEES);
    expect(feeEra(at("2026-02-12T00:00:00Z"), 5)).toMatchObject({ schedule: JAN_2026, note: expect.stringMatching(/from 2026-02-12 \(5-minute/) });
  });
  it("other crypto windows from 2026-03-06", () => {
    expect(feeEra(at("2026-03-05T00:00:00Z"), 60).schedule).toEqual(NO_FEES);
    expect(feeEra(at("2026-03-06T00:00:00Z"), 60).schedule).toEqual(JAN_2026);
  });
  it("every window from 2026-03-30 (Fee Structure V2): rate 0.07, exponent 1, in pUSD, maker rebate 20%", () => {
    for (const minutes of [5, 15, 60]) expect(feeEra(at("2026-03-30T00:00:00Z"), minutes)).toMatchObject({ schedule: V2, note: expect.stringMatching(/V2 from 2026-03-30/) });
    expect(feeEra(at("2026-07-24T00:00:00Z"), 5).schedule).toEqual(V2);
  });
});

describe("feeFromData", () => {
  it("keeps a recorded schedule, and takes its era's currency when it names none", () => {
    const recorded = { rate: 0.07, exponent: 1, takerOnly: true, rebateRate: 0.2 };
    expect(feeFromData(recorded, at("2026-07-24T00:00:00Z"), 5)).toEqual({ schedule: { ...recorded, currency: "usd" }, source: "data", note: expect.stringMatching(/currency usd by its era/) });
    expect(feeFromData({ rate: 0.25, exponent: 2, takerOnly: true }, at("2026-01-20T00:00:00Z"), 15).schedule.currency).toBe("shares");
    expect(feeFromData({ ...recorded, currency: "shares" }, at("2026-07-24T00:00:00Z"), 5)).toEqual({ schedule: { ...recorded, currency: "shares" }, source: "data", note: "recorded with the market" });
  });
});
