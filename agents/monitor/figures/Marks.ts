import type { BookSnapshot, Outcome } from "../../../protocols/index.ts";

/** How many resolved windows' outcomes are kept to mark holdings awaiting their settlement. */
const RESOLVED_KEPT = 64;

/**
 * The prices the monitor marks at: each window's Up mid from the latest two-sided book it saw (a
 * one-sided book states no price: the last two-sided one stands), and once a window resolves, its
 * outcome (1 or 0) until its settlements arrive. A window with neither is marked at cost.
 */
export class Marks {
  mids = new Map<string, number>();
  private outcomes = new Map<string, number>();

  book(b: Pick<BookSnapshot, "marketId" | "bids" | "asks">): void {
    const bid = b.bids[0]?.price;
    const ask = b.asks[0]?.price;
    if (bid !== undefined && ask !== undefined) this.mids.set(b.marketId, (bid + ask) / 2_000_000);
  }

  /** The market's own probability of Up now (for beliefs): the mid, null without one. */
  mid(marketId: string): number | null {
    return this.mids.get(marketId) ?? null;
  }

  /** The Up price holdings are marked at; undefined: at cost. */
  of(marketId: string): number | undefined {
    return this.mids.get(marketId) ?? this.outcomes.get(marketId);
  }

  resolved(marketId: string, outcome: Outcome): void {
    this.mids.delete(marketId);
    this.outcomes.set(marketId, outcome === "Up" ? 1 : 0);
    if (this.outcomes.size > RESOLVED_KEPT) this.outcomes.delete(this.outcomes.keys().next().value!);
  }

  save(): { outcomes: Map<string, number> } {
    return { outcomes: this.outcomes };
  }

  restore(mids: Map<string, number>, s: { outcomes: Map<string, number> } | undefined): void {
    this.mids = new Map(mids);
    this.outcomes = new Map(s?.outcomes ?? []);
  }
}
