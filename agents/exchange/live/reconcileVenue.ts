import type { OpenOrder as VenueOrder, Trade } from "@polymarket/clob-client-v2";
import {
  ledgerCash, listOpenOrders, netSharesOfToken, orderById, setOrderStatus, standingFills, unsettledTokens, type Db,
} from "../../../state/index.ts";
import { normTradeStatus } from "../../../floor/adapters/polymarket/index.ts";
import { tradeSizeForOrder, venueMicro, type LiveEvent, type LiveIntent } from "./events.ts";
import type { LiveExecutor } from "./LiveExecutor.ts";
import { tradeIdOf, type LiveLedger, type LiveOrder } from "./LiveLedger.ts";

export type Report = (action: string, detail: Record<string, unknown>, discrepancy: boolean) => void;

type Venue = Pick<LiveExecutor, "refreshBalances" | "openOrders" | "tradesOf" | "adopt" | "ingestTrades" | "cancel">;

const toIntent = (o: LiveOrder): LiveIntent => ({ intentId: o.intentId, tokenId: o.tokenId, side: o.side, type: o.type as LiveIntent["type"], price: o.price, size: o.size });

/**
 * Start-up reconciliation: what the venue holds is the truth, the ledger is brought to it, and
 * every difference is reported (and so audited).
 * - Collateral at the venue against the ledger's cash.
 * - Venue orders the ledger knows are adopted (tracked from here on); unknown ones are cancelled.
 * - Ledger orders still working but not open at the venue: their trades are booked, then they are
 *   closed (filled, or cancelled: never reached the venue, or gone while we were down).
 * Fills found on the way are booked through `ledger` like any other.
 */
export async function reconcileVenue(venue: Venue, ledger: LiveLedger, db: Db, now: number, report: Report): Promise<void> {
  const book = (events: LiveEvent[]) => ledger.apply(events, now);
  const bal = await venue.refreshBalances();
  const cash = ledgerCash(db);
  report("balance", { venueCollateral: bal.collateral, ledgerCash: cash }, bal.collateral < cash);

  const open = await venue.openOrders();
  const openIds = new Set(open.map((o) => o.id.toLowerCase()));
  const working = listOpenOrders(db);
  const adopt = (w: (typeof working)[number]) => {
    const o: LiveOrder = { ...w };
    ledger.orders.set(w.intentId, o);
    venue.adopt(toIntent(o), w.orderId, knownFills(db, w.orderId));
  };
  for (const v of open) {
    const known = orderById(db, v.id);
    if (known && (known.status === "pending" || known.status === "live")) continue;
    // Unknown to the ledger, or closed there (e.g. given up after a timeout, then booked late): it must not rest unwatched.
    const reason = known ? `open at the venue but ${known.status} in the ledger` : "open at the venue but not in the ledger";
    book(await venue.cancel(v.id));
    report("cancelled", { orderId: v.id, tokenId: v.asset_id, side: v.side, price: v.price, remaining: remainingOf(v), reason }, true);
  }
  const tokens = new Set<string>();
  for (const w of working) {
    adopt(w);
    tokens.add(w.tokenId);
  }
  const tradesByToken = new Map<string, Trade[]>();
  for (const t of unsettledTokens(db)) tradesByToken.set(t, await venue.tradesOf(t));
  for (const t of tokens) book(venue.ingestTrades(tradesByToken.get(t) ?? (await venue.tradesOf(t))));
  for (const w of working) {
    const row = orderById(db, w.orderId)!;
    if (openIds.has(w.orderId.toLowerCase())) {
      if (row.status === "pending") setOrderStatus(db, w.orderId, "live", now, "adopted at restart");
      report("adopted", { orderId: w.orderId, intentId: w.intentId, agentId: w.agentId, marketId: w.marketId, filled: row.filled, remaining: w.size - row.filled }, w.status === "pending");
      continue;
    }
    if (row.status === "filled") {
      report("filled", { orderId: w.orderId, intentId: w.intentId, agentId: w.agentId, filled: row.filled, reason: "filled while the floor was down" }, false);
      continue;
    }
    const reason = row.filled > 0 ? "not open at the venue after restart" : w.status === "pending" ? "never reached the venue" : "gone from the venue while the floor was down";
    book([{ type: "cancel", intentId: w.intentId, orderId: w.orderId, remaining: w.size - row.filled, reason }]);
    report("cancelled", { orderId: w.orderId, intentId: w.intentId, agentId: w.agentId, filled: row.filled, reason }, false);
  }
  // Positions: the venue's net shares per token (our legs of trades not FAILED) against the ledger's fills.
  for (const [token, trades] of tradesByToken) {
    const venueShares = netShares(trades, (id) => orderById(db, id) !== undefined);
    const ledgerShares = netSharesOfToken(db, token);
    if (venueShares !== ledgerShares) report("position", { tokenId: token, venueShares, ledgerShares }, true);
  }
}

/** Net shares bought minus sold in our legs of `trades`, counting only orders `ours` recognises. */
function netShares(trades: readonly Trade[], ours: (orderId: string) => boolean): number {
  let n = 0;
  for (const t of trades) {
    if (normTradeStatus(t.status) === "FAILED") continue;
    for (const id of [t.taker_order_id, ...(t.maker_orders ?? []).map((m) => m.order_id)]) {
      if (!id || !ours(id)) continue;
      const leg = tradeSizeForOrder(t, id);
      // A maker leg is on the other side unless the venue says (complementary matches put both on one side).
      const side = id === t.taker_order_id ? t.side : (t.maker_orders ?? []).find((m) => m.order_id === id)?.side ?? (t.side === "BUY" ? "SELL" : "BUY");
      if (leg) n += side === "BUY" ? leg.size : -leg.size;
    }
  }
  return n;
}

function remainingOf(v: VenueOrder): number {
  return venueMicro(v.original_size) - venueMicro(v.size_matched);
}

/** Venue trades the ledger has booked for an order, by trade id, with their sizes. */
function knownFills(db: Db, orderId: string): Map<string, number> {
  return new Map(standingFills(db, orderId).map((f) => [tradeIdOf(f.fillId), f.size]));
}
