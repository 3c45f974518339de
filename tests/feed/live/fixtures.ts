import { readFileSync } from "node:fs";

/** Recorded Polymarket payloads (tests/fixtures/polymarket): real Gamma markets and real-shape WS/REST frames. */
const dir = new URL("../../fixtures/polymarket/", import.meta.url);

export interface WsPayloads {
  upTokenId: string;
  downTokenId: string;
  market: string;
  bookSnapshot: Array<Record<string, unknown>>;
  priceChange: Record<string, unknown>;
  tickSizeChange: Record<string, unknown>;
  lastTradePrice: Record<string, unknown>;
  bestBidAsk: Record<string, unknown>;
  marketResolved: Record<string, unknown>;
  newMarket: Record<string, unknown>;
  restBook: Record<string, unknown> & { asset_id: string };
  rtdsFirst: Record<string, unknown>;
  rtdsUpdate: Record<string, unknown>;
  binanceTrade: Record<string, unknown>;
}

export type GammaRaw = Record<string, unknown> & { slug: string; conditionId: string; clobTokenIds: string; endDate: string; eventStartTime: string };

export function wsPayloads(): WsPayloads {
  return JSON.parse(readFileSync(new URL("ws-payloads.json", dir), "utf8")) as WsPayloads;
}

/** Three consecutive real BTC 5m Gamma market objects (2026-07-23 23:55 to 2026-07-24 00:10 UTC). */
export function gammaMarkets(): GammaRaw[] {
  return JSON.parse(readFileSync(new URL("gamma-markets.json", dir), "utf8")) as GammaRaw[];
}
