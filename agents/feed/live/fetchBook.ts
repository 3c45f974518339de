import { fetchJson, HttpError, type FetchJsonOptions, RestBook } from "../../../floor/adapters/polymarket/index.ts";
import type { BookSeed } from "./OrderBook.ts";

/** GET `<base>/book?token_id=<id>` (reference §1.5), parsed to a book seed in micro-units. */
export async function fetchBook(baseUrl: string, tokenId: string, opts: FetchJsonOptions = {}): Promise<BookSeed> {
  const url = `${baseUrl.replace(/\/+$/, "")}/book?token_id=${encodeURIComponent(tokenId)}`;
  const body = await fetchJson(url, opts);
  const r = RestBook.safeParse(body);
  if (!r.success) throw new HttpError(url, 200, `GET ${url}: unexpected body: ${r.error.issues[0]?.path.join(".")}: ${r.error.issues[0]?.message}`);
  if (r.data.asset_id !== tokenId) throw new HttpError(url, 200, `GET ${url}: book for another token ${r.data.asset_id}`);
  const b = r.data;
  return { bids: b.bids, asks: b.asks, timestampMs: b.timestamp, hash: b.hash, tickSize: b.tick_size, minSize: b.min_order_size };
}
