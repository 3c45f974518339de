import { describe, expect, it } from "vitest";
import { gammaMarkets } from "../../../tests/feed/live/fixtures.ts";
import { parseGammaEvent, parseGammaMarket } from "./parseGammaEvent.ts";

const [m0, m1] = gammaMarkets();

describe("parseGammaEvent", () => {
  it("reads a real Gamma market: tokens, times from eventStartTime/endDate, fees, tick, min size, outcome", () => {
    const r = parseGammaEvent({ slug: m0!.slug, markets: [m0] }, m0!.slug);
    expect(r).toEqual({ ok: true, value: {
      slug: "btc-updown-5m-1784850900", gammaId: "3047949", conditionId: m0!.conditionId, question: "Bitcoin Up or Down - July 23, 7:55PM-8:00PM ET",
      upTokenId: "72690798903588392269001731007662425920353908498880709179939493847828858696064",
      downTokenId: "57726118860664877408225679006057036191805241206083874875095996065406561439567",
      startTs: Date.UTC(2026, 6, 23, 23, 55), endTs: Date.UTC(2026, 6, 24, 0, 0),
      fee: { rate: 0.07, exponent: 1, takerOnly: true, rebateRate: 0.2 }, tickSize: 1_000, minSize: 5_000_000,
      closed: true, outcome: "Up", priceToBeat: undefined,
    } });
    expect(parseGammaMarket(m1)).toMatchObject({ ok: true, value: { outcome: "Down" } });
  });

  it("leaves the outcome open while the window trades, and takes priceToBeat from the event", () => {
    const live = { ...m0, closed: false, umaResolutionStatus: undefined, outcomePrices: '["0.535", "0.465"]' };
    const r = parseGammaEvent({ markets: [live], eventMetadata: { priceToBeat: 65026.457815 } }, m0!.slug);
    expect(r).toMatchObject({ ok: true, value: { outcome: undefined, closed: false, priceToBeat: 65026.457815 } });
  });

  it("falls back to the slug for the start, and maps tokens by outcome name", () => {
    const { eventStartTime: _drop, ...noStart } = m0!;
    const swapped = { ...noStart, outcomes: '["Down", "Up"]' };
    const r = parseGammaMarket(swapped);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.startTs).toBe(1784850900_000);
    expect(r.value.upTokenId).toBe("57726118860664877408225679006057036191805241206083874875095996065406561439567");
    expect(r.value.outcome).toBe("Down"); // outcomePrices ["1","0"] now names Down
  });

  it("rejects payloads it cannot trust, with a reason", () => {
    expect(parseGammaEvent({ markets: [] }, "x")).toMatchObject({ ok: false });
    expect(parseGammaEvent([], "x")).toMatchObject({ ok: false });
    expect(parseGammaMarket({ ...m0, clobTokenIds: "[123, 456]" })).toMatchObject({ ok: false, error: expect.stringContaining("clobTokenIds") });
    expect(parseGammaMarket({ ...m0, clobTokenIds: "not json" })).toMatchObject({ ok: false });
    expect(parseGammaMarket({ ...m0, outcomes: '["Yes", "No"]' })).toMatchObject({ ok: false, error: expect.stringContaining("Up/Down") });
    expect(parseGammaMarket({ ...m0, feeSchedule: undefined })).toMatchObject({ ok: false, error: expect.stringContaining("feeSchedule") });
    expect(parseGammaMarket({ ...m0, endDate: "2026-07-23T23:50:00Z" })).toMatchObject({ ok: false });
  });
});
