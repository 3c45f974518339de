import { describe, expect, it } from "vitest";
import { gammaMarkets } from "../../../tests/feed/live/fixtures.ts";
import { liveDataCredsFromEnv } from "./liveDataCreds.ts";
import { parseGammaMarket } from "./parseGammaEvent.ts";
import { settlesOnTwap, TWAP_SINCE_MS } from "./settlementSeries.ts";

const [m0] = gammaMarkets(); // 2026-07-23: before the TWAP switch, no cryptoMarketConfig
const window = (over: Record<string, unknown>) => {
  const r = parseGammaMarket({ ...m0, ...over });
  if (!r.ok) throw new Error(r.error);
  return r.value;
};
const AUG14 = Date.UTC(2026, 7, 14);

describe("settlesOnTwap", () => {
  it("follows Gamma's cryptoMarketConfig when the market carries one", () => {
    // As Gamma lists BTC 5m markets since mid-August 2026 (reference polymarket.md §3.3).
    const twap = window({ cryptoMarketConfig: { id: "btc-5m-twap-60", asset: "btc", duration: "5m", twapEnabled: true, twapLookbackSeconds: 60 } });
    expect(twap.twapLookbackSeconds).toBe(60);
    expect(settlesOnTwap(twap)).toBe(true);
    // Early-August markets: a config with a null lookback settled on the spot.
    const spot = window({ eventStartTime: new Date(AUG14).toISOString(), endDate: new Date(AUG14 + 300_000).toISOString(), cryptoMarketConfig: { asset: "btc", duration: "5m", twapEnabled: false, twapLookbackSeconds: null } });
    expect(spot.twapLookbackSeconds).toBeNull();
    expect(settlesOnTwap(spot)).toBe(false);
  });

  it("without a config: the spot before 2026-08-07, the TWAP from then on", () => {
    expect(window({}).twapLookbackSeconds).toBeUndefined();
    expect(settlesOnTwap(window({}))).toBe(false);
    expect(settlesOnTwap({ startTs: TWAP_SINCE_MS - 300_000, twapLookbackSeconds: undefined })).toBe(false);
    expect(settlesOnTwap({ startTs: TWAP_SINCE_MS, twapLookbackSeconds: undefined })).toBe(true);
  });

  it("treats an unreadable config as absent", () => {
    expect(window({ cryptoMarketConfig: "btc-5m-twap-60" }).twapLookbackSeconds).toBeUndefined();
  });
});

describe("liveDataCredsFromEnv", () => {
  it("takes all three CLOB variables, and names (never shows) what is missing", () => {
    expect(liveDataCredsFromEnv({ CLOB_API_KEY: "k", CLOB_SECRET: "s", CLOB_PASS_PHRASE: " p " })).toEqual({ creds: { key: "k", secret: "s", passphrase: "p" } });
    expect(liveDataCredsFromEnv({})).toEqual({ none: "no CLOB API credentials (CLOB_API_KEY, CLOB_SECRET, CLOB_PASS_PHRASE are not set)" });
    const partial = liveDataCredsFromEnv({ CLOB_API_KEY: "visible-key", CLOB_SECRET: "hush", CLOB_PASS_PHRASE: "" });
    expect(partial).toEqual({ none: "incomplete CLOB API credentials: CLOB_PASS_PHRASE not set (all three are needed)" });
  });
});
