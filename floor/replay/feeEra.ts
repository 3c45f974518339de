import type { FeeSchedule } from "../../protocols/index.ts";

/** Where a replayed market's fee schedule came from: the recorded data, the dated history below, or a what-if. */
export type FeeSource = "data" | "assumed" | "override";

export interface FeeEra {
  schedule: FeeSchedule;
  source: "assumed";
  /** Which era, and the sources for it, for the report. */
  note: string;
}

const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);

/*
 * The venue's fee history for crypto Up/Down markets. The dates are the Polymarket predictions
 * changelog's, read 2026-10-09 (research-2026-12.md §4 item 3); a changelog gives a day, so each
 * era is taken to start at 00:00 UTC on it. A window belongs to the era in force at its start.
 * - 2026-01-05: taker fees on 15-minute crypto only, rate 0.25, exponent 2; a buy's fee in shares
 *   (the docs' maker-rebates table: 100 shares at $0.50 paid 1.5625 shares, polymarket.md §3.5
 *   item 2; py-clob-client#247 for the shares). The docs changed around 2026-01-06.
 * - 2026-02-12: 5-minute crypto (the press dates the 5-minute launch 2026-02-13; a Gamma 5M tag is
 *   older, so this may be an expansion). Taken to be charged like the 15-minute markets.
 * - 2026-03-06: all crypto (hourly, 4-hour, daily windows), the same schedule assumed.
 * - 2026-03-30: Fee Structure V2: crypto rate 0.07, exponent 1 (some pages say 0.072), maker
 *   rebate 20% (polymarket.md §3.5 item 4), fees in pUSD (the current maker-rebates page,
 *   research-2026-12.md §4 item 4). A brief misconfigured formula followed, then a correction:
 *   not modelled.
 * Before the V2 era no maker rebate is assumed: what share of fees went back to makers then is
 * not established by these sources.
 */
const FEES_15M = "2026-01-05";
const FEES_5M = "2026-02-12";
const FEES_ALL_CRYPTO = "2026-03-06";
const FEES_V2 = "2026-03-30";

/** Fees on crypto Up/Down markets before they were introduced. */
export const NO_FEES: FeeSchedule = { rate: 0, exponent: 1, takerOnly: true };
const CRYPTO_2026_01: FeeSchedule = { rate: 0.25, exponent: 2, takerOnly: true, currency: "shares" };
const CRYPTO_V2: FeeSchedule = { rate: 0.07, exponent: 1, takerOnly: true, currency: "usd", rebateRate: 0.2 };

/** When taker fees began on crypto Up/Down windows of this length. */
const feesFrom = (windowMinutes: number): string => (windowMinutes === 15 ? FEES_15M : windowMinutes === 5 ? FEES_5M : FEES_ALL_CRYPTO);

/**
 * The fee schedule the venue charged on a crypto Up/Down window that started at `marketStartMs`
 * and lasted `windowMinutes`, by the dated history above: for recorded data that carries none.
 */
export function feeEra(marketStartMs: number, windowMinutes: number): FeeEra {
  if (marketStartMs >= day(FEES_V2)) {
    return { schedule: CRYPTO_V2, source: "assumed", note: `Fee Structure V2 from ${FEES_V2}: crypto rate 0.07, exponent 1, in pUSD, maker rebate 20% (polymarket.md §3.5; research-2026-12.md §4 items 3-4)` };
  }
  const from = feesFrom(windowMinutes);
  if (marketStartMs >= day(from)) {
    return {
      schedule: CRYPTO_2026_01,
      source: "assumed",
      note: `crypto taker fees from ${from} (${windowMinutes}-minute windows): rate 0.25, exponent 2, a buy's fee in shares, no maker rebate assumed (polymarket.md §3.5; research-2026-12.md §4 item 3)`,
    };
  }
  return { schedule: NO_FEES, source: "assumed", note: `no fees on ${windowMinutes}-minute crypto Up/Down windows before ${from} (polymarket.md §3.5; research-2026-12.md §4 item 3)` };
}

/**
 * A schedule the data recorded, kept as it is; Gamma names no fee currency, so when the data does
 * not, the currency of the window's era is taken (a January 2026 schedule took a buy's fee in shares).
 */
export function feeFromData(fee: FeeSchedule, marketStartMs: number, windowMinutes: number): { schedule: FeeSchedule; source: "data"; note: string } {
  if (fee.currency !== undefined) return { schedule: fee, source: "data", note: "recorded with the market" };
  const era = feeEra(marketStartMs, windowMinutes).schedule.currency ?? "usd";
  return { schedule: { ...fee, currency: era }, source: "data", note: `recorded with the market; currency ${era} by its era, as the data names none` };
}
