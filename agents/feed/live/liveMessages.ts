import { MICRO, microFromNumber, type Outcome } from "../../../protocols/index.ts";
import type { LiveWindow } from "./LiveWindows.ts";
import type { LastTradePriceEvent } from "../../../floor/adapters/polymarket/index.ts";
import type { BookLevel, OrderBook } from "./OrderBook.ts";

/**
 * Bodies of the md.* messages the live feed publishes (the host adds the envelope and validates).
 * The floor's market id is the window's slug, as in the sim and replay feeds.
 */
const isPrice = (p: number) => p >= 1 && p <= MICRO - 1;
const levels = (ls: BookLevel[]) => ls.filter((l) => isPrice(l.price) && l.size > 0);

export function openBody(lw: LiveWindow, strikeUsd: number, symbol: string): Record<string, unknown> {
  const { w } = lw;
  return {
    phase: "open", marketId: w.slug, slug: w.slug, symbol, upTokenId: w.upTokenId, downTokenId: w.downTokenId,
    startTs: w.startTs, endTs: w.endTs, strike: microFromNumber(strikeUsd), fee: w.fee, tickSize: w.tickSize, minSize: w.minSize,
    conditionId: w.conditionId,
  };
}

/** The Up token's book, best first, levels outside (0, 1) dropped. */
export function bookBody(lw: LiveWindow, book: OrderBook, depth: number): Record<string, unknown> {
  return {
    marketId: lw.w.slug, tokenId: book.assetId, bids: levels(book.bids(depth)), asks: levels(book.asks(depth)),
    tickSize: book.tickSize ?? lw.w.tickSize, minSize: book.minSize ?? lw.w.minSize,
  };
}

/** A print on either token; undefined when it cannot be one (price outside (0, 1) or size 0). */
export function tradeBody(lw: LiveWindow, t: LastTradePriceEvent): Record<string, unknown> | undefined {
  if (!isPrice(t.price) || t.size <= 0) return undefined;
  return { marketId: lw.w.slug, tokenId: t.asset_id, price: t.price, size: t.size, side: t.side };
}

export function closeBody(lw: LiveWindow, endPriceUsd: number): Record<string, unknown> {
  return { phase: "close", marketId: lw.w.slug, endPrice: microFromNumber(endPriceUsd) };
}

export function resolvedBody(lw: LiveWindow, outcome: Outcome, derived: boolean): Record<string, unknown> {
  return { phase: "resolved", marketId: lw.w.slug, outcome, derived };
}

export type HealthStatus = "ok" | "stale" | "anomaly" | "gap" | "reconnecting";

export function healthBody(source: string, status: HealthStatus, subject: string, expectedIntervalMs: number, lastDataTs: number | undefined, detail: string): Record<string, unknown> {
  return { source, status, subject, expectedIntervalMs, ...(lastDataTs !== undefined ? { lastDataTs } : {}), detail: detail.slice(0, 300) };
}
