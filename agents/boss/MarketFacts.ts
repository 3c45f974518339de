import type { FeeSchedule, MarketOpen } from "../../protocols/index.ts";
import { marketFee, riskFigures, type Db } from "../../state/index.ts";

/** What the gate needs of an intent's market: its fee schedule (a buy's pUSD fee is part of its cost), minimum size and underlying. */
export interface MarketFact {
  fee?: FeeSchedule | undefined;
  minSize: number;
  symbol: string;
}

/**
 * Each open market as its open announced it (its minimum size as its latest book says). A market
 * the boss has not heard open (a restart before the feed announces it again) is read from the
 * ledger's record of its open, which has no minimum size: 0 then, so the venue's size step holds.
 */
export class MarketFacts {
  private facts = new Map<string, MarketFact>();

  constructor(private readonly db: Db) {}

  open(e: MarketOpen): void {
    this.facts.set(e.marketId, { fee: e.fee, minSize: e.minSize, symbol: e.symbol });
  }

  book(marketId: string, minSize: number): void {
    const f = this.facts.get(marketId);
    if (f && f.minSize !== minSize) this.facts.set(marketId, { ...f, minSize });
  }

  forget(marketId: string): void {
    this.facts.delete(marketId);
  }

  of(marketId: string): MarketFact {
    return this.facts.get(marketId) ?? { fee: marketFee(this.db, marketId), minSize: 0, symbol: riskFigures.symbolOf(this.db, marketId) ?? marketId };
  }

  save(): Map<string, MarketFact> {
    return new Map(this.facts);
  }

  load(saved: Map<string, MarketFact>): void {
    this.facts = new Map(saved);
  }
}
