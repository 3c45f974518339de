import type { BookSnapshot, FeeSchedule, MarketOpen, Outcome } from "../../protocols/index.ts";
import { auditFigures, marketFee, type Db } from "../../state/index.ts";
import type { ApprovedOrder } from "./checkFill.ts";
import type { Top } from "./checks/checkFillPrice.ts";
import { FROM_LEDGER } from "./checks/checkDuplicate.ts";

/** An order the boss approved, in a market not yet resolved: what its fills and the limits are checked against. */
export interface Approval extends ApprovedOrder {
  agentId: string;
  marketId: string;
  filled: number;
  /** May still fill (not heard cancelled, rejected or filled in full): counted as working by the limit check. */
  open: boolean;
  /** The decision's message id ("ledger" when rebuilt): the same message again is a redelivery, not a duplicate. */
  msgId: string;
}

/** What the auditor knows of a market: its underlying, fee, tick and, once resolved, the outcome announced. */
export interface MarketFact {
  symbol: string;
  fee?: FeeSchedule | undefined;
  tick?: number | undefined;
  announced?: Outcome | undefined;
}

interface Saved {
  approved: Map<string, Approval>;
  markets: Map<string, MarketFact>;
  tops: Map<string, Top[]>;
  fills: Map<string, Map<string, string>>;
  reported: Set<string>;
  hour: number;
  /** Resolved markets whose approvals and fill ids are still kept, oldest first (absent in older snapshots). */
  lately?: string[];
}

/** Resolved markets whose outcome is kept (their settlements follow the resolution): the last few only. */
const RESOLVED_KEPT = 64;
/**
 * Resolved markets whose approvals and fill ids are kept: in a split floor a fill comes through a
 * durable consumer, and may be handled after the market's resolution, which comes live (the week
 * chaos run saw two fills handled 14 floor minutes late, and called them unapproved).
 */
export const APPROVALS_KEPT = 8;

/**
 * The auditor's memory, all of it per open market and O(1) to update per message: the approvals it
 * checks fills and limits against, each market's facts and last two tops of book, the fill ids
 * heard, the ledger discrepancies already reported and the floor hour of the last ledger check.
 * Saved for an exact resume; otherwise rebuilt from the ledger at start.
 */
export class AuditorMemory {
  approved = new Map<string, Approval>();
  markets = new Map<string, MarketFact>();
  tops = new Map<string, Top[]>();
  fills = new Map<string, Map<string, string>>();
  reported = new Set<string>();
  hour = -1;
  lately: string[] = [];

  constructor(private readonly db: Db) {}

  /** A market's facts, from its open when heard, else from the ledger's record of it. */
  market(marketId: string): MarketFact {
    return this.markets.get(marketId) ?? { symbol: auditFigures.symbolOf(this.db, marketId) ?? marketId, fee: marketFee(this.db, marketId) };
  }

  open(e: MarketOpen): void {
    this.markets.set(e.marketId, { symbol: e.symbol, fee: e.fee, tick: e.tickSize });
  }

  /** The best bid and ask of a new book, beside the previous one's; the tick the venue quotes in now. */
  book(b: BookSnapshot): void {
    let bid: number | undefined, ask: number | undefined;
    for (const l of b.bids) if (l.size > 0 && (bid === undefined || l.price > bid)) bid = l.price;
    for (const l of b.asks) if (l.size > 0 && (ask === undefined || l.price < ask)) ask = l.price;
    const last = this.tops.get(b.marketId)?.at(-1);
    this.tops.set(b.marketId, last ? [last, { bid, ask }] : [{ bid, ask }]);
    const m = this.markets.get(b.marketId);
    if (m) m.tick = Math.min(m.tick ?? b.tickSize, b.tickSize);
  }

  /**
   * A resolved market can have no new orders: its approvals stop counting as working, and they and
   * its fill ids are kept for the fills still on their way (APPROVALS_KEPT markets); its outcome is
   * kept for its settlements.
   */
  resolved(marketId: string, outcome: Outcome): void {
    for (const a of this.approved.values()) if (a.marketId === marketId) a.open = false;
    this.tops.delete(marketId);
    if (!this.lately.includes(marketId)) this.lately.push(marketId);
    for (const gone of this.lately.splice(0, Math.max(0, this.lately.length - APPROVALS_KEPT))) {
      for (const [k, a] of this.approved) if (a.marketId === gone) this.approved.delete(k);
      this.fills.delete(gone);
    }
    const m = this.market(marketId);
    this.markets.delete(marketId);
    this.markets.set(marketId, { ...m, announced: outcome });
    const resolved = [...this.markets].filter(([, f]) => f.announced !== undefined);
    for (const [k] of resolved.slice(0, Math.max(0, resolved.length - RESOLVED_KEPT))) this.markets.delete(k);
  }

  /** The first message a fill id came in (undefined if new); remembers this one when new. */
  fillSeen(marketId: string, fillId: string, msgId: string): string | undefined {
    const ids = this.fills.get(marketId) ?? this.fills.set(marketId, new Map()).get(marketId)!;
    const first = ids.get(fillId);
    if (first === undefined || first === FROM_LEDGER) ids.set(fillId, msgId);
    return first;
  }

  /** After a restart that was not an exact resume: the approvals and fill ids of every market not yet resolved, and of the last APPROVALS_KEPT resolved, from the ledger. */
  rebuild(): void {
    this.lately = auditFigures.lastResolved(this.db, APPROVALS_KEPT);
    const resolved = new Set(this.lately);
    for (const o of auditFigures.unresolvedOrders(this.db, APPROVALS_KEPT)) {
      if (o.status === "rejected" || this.approved.has(o.intentId)) continue;
      const open = !resolved.has(o.marketId) && (o.status === "pending" || o.status === "live");
      this.approved.set(o.intentId, { agentId: o.agentId, marketId: o.marketId, side: o.side, price: o.price, size: o.size, filled: o.filled, open, msgId: FROM_LEDGER });
    }
    for (const f of auditFigures.unresolvedFillIds(this.db, APPROVALS_KEPT)) this.fillSeen(f.marketId, f.fillId, FROM_LEDGER);
  }

  save(): Saved {
    const copy = <K, V>(m: Map<K, V>, f: (v: V) => V) => new Map([...m].map(([k, v]) => [k, f(v)]));
    return {
      approved: copy(this.approved, (a) => ({ ...a })), markets: copy(this.markets, (m) => ({ ...m })), tops: copy(this.tops, (t) => t.map((x) => ({ ...x }))),
      fills: copy(this.fills, (f) => new Map(f)), reported: new Set(this.reported), hour: this.hour, lately: [...this.lately],
    };
  }

  load(s: Saved): void {
    Object.assign(this, s);
    this.lately = s.lately ?? [];
  }
}
