import type { EngineEvent, Outcome } from "./types.ts";

/**
 * A tiny account for checking the engine's books: cash and shares per outcome, all in integer
 * micro-units. Shorts (negative shares) are allowed: the engine does no balance checks.
 *
 * realizedPnl (after `settle`) = proceeds − costs − fees + rebates, where
 * - costs = notional paid for buys (their pUSD fee is a fee); proceeds = cash received for sells + the settlement value of the
 *   gross shares bought (fee shares included, winners pay 1, losers 0);
 * - fees = fees in USD (both sides under a pUSD schedule, sells under a shares one) + the
 *   settlement value of the fee shares (a buy's fee under a shares schedule);
 * - rebates = maker rebates accrued on maker fills, and taker rebates when the schedule has them
 *   (credited to cash at once; Polymarket pays daily).
 */
export class EngineAccount {
  cash: number;
  readonly startCash: number;
  shares: Record<Outcome, number> = { Up: 0, Down: 0 };
  costs = 0;
  proceeds = 0;
  feesUsd = 0;
  feeShares: Record<Outcome, number> = { Up: 0, Down: 0 };
  fees = 0;
  rebates = 0;
  realizedPnl: number | undefined;

  constructor(startCash: number) {
    this.cash = startCash;
    this.startCash = startCash;
  }

  apply(events: readonly EngineEvent[]): void {
    for (const e of events) {
      if (e.type !== "fill") continue;
      if (this.realizedPnl !== undefined) throw new Error("fill after settlement");
      this.cash += e.cashDelta + e.rebate;
      this.shares[e.outcome] += e.sharesDelta;
      // A buy's cash out includes its fee when the fee is in pUSD: costs are the notional alone.
      if (e.side === "BUY") this.costs += -e.cashDelta - e.feeUsd;
      else this.proceeds += e.cashDelta + e.feeUsd;
      this.feesUsd += e.feeUsd;
      this.fees += e.feeUsd;
      this.feeShares[e.outcome] += e.feeShares;
      this.rebates += e.rebate;
    }
  }

  /** Pay out the winner's shares at 1 USD each; returns the realized PnL. */
  settle(winner: Outcome): number {
    const payout = this.shares[winner];
    this.cash += payout;
    this.proceeds += payout + this.feeShares[winner];
    this.fees += this.feeShares[winner];
    this.shares = { Up: 0, Down: 0 };
    this.realizedPnl = this.proceeds - this.costs - this.fees + this.rebates;
    return this.realizedPnl;
  }
}
