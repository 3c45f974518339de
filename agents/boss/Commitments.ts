import type { FeeSchedule } from "../../protocols/index.ts";
import { buyCost } from "./gate/index.ts";

/** A buy the boss approved that may still fill: what is left of it and what that can cost (micro-units). */
export interface Commitment {
  agentId: string;
  marketId: string;
  symbol: string;
  price: number;
  remaining: number;
  fee?: FeeSchedule | undefined;
  cost: number;
}

/** What working buys hold, for one intent's caps: its agent's, the floor's, its market's and its underlying's. */
export interface Committed {
  agent: number;
  floor: number;
  market: number;
  underlying: number;
}

/**
 * The buys the boss approved that have not yet filled, been cancelled or been rejected: the
 * ledger counts a position only once it fills, so without these a burst of approvals could pass a
 * cap together. Saved for an exact sim resume; otherwise rebuilt at start from the ledger's open orders.
 */
export class Commitments {
  private open = new Map<string, Commitment>();

  approved(intentId: string, c: Omit<Commitment, "cost">): void {
    this.open.set(intentId, { ...c, cost: buyCost(c.price, c.remaining, c.fee) });
  }

  filled(intentId: string, size: number): void {
    const c = this.open.get(intentId);
    if (!c) return;
    const remaining = c.remaining - size;
    if (remaining <= 0) this.open.delete(intentId);
    else this.open.set(intentId, { ...c, remaining, cost: buyCost(c.price, remaining, c.fee) });
  }

  /** Cancelled, rejected or expired: it holds nothing more. */
  done(intentId: string): void {
    this.open.delete(intentId);
  }

  /** A resolved market's orders can never fill. */
  marketOver(marketId: string): void {
    for (const [k, c] of this.open) if (c.marketId === marketId) this.open.delete(k);
  }

  of(agentId: string, marketId: string, symbol: string): Committed {
    const sum: Committed = { agent: 0, floor: 0, market: 0, underlying: 0 };
    for (const c of this.open.values()) {
      sum.floor += c.cost;
      if (c.agentId === agentId) sum.agent += c.cost;
      if (c.marketId === marketId) sum.market += c.cost;
      if (c.symbol === symbol) sum.underlying += c.cost;
    }
    return sum;
  }

  save(): Map<string, Commitment> {
    return new Map([...this.open].map(([k, c]) => [k, { ...c }]));
  }

  load(saved: Map<string, Commitment>): void {
    this.open = new Map([...saved].map(([k, c]) => [k, { ...c }]));
  }
}
