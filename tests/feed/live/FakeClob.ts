import { wsPayloads } from "./fixtures.ts";
import { FakeHttpServer } from "./FakeHttpServer.ts";
import { FakeWsServer } from "./FakeWsServer.ts";

/**
 * A local CLOB: the market channel (answers a subscription with the recorded `book` snapshot
 * array of the subscribed tokens, best levels last as live) and REST `/book`.
 */
export class FakeClob {
  readonly fx = wsPayloads();
  readonly ws = new FakeWsServer();
  readonly rest: FakeHttpServer;
  /** REST books by token id. */
  readonly restBooks = new Map<string, unknown>([[this.fx.restBook.asset_id, this.fx.restBook]]);

  constructor() {
    this.rest = new FakeHttpServer((url) => {
      const book = url.pathname === "/book" ? this.restBooks.get(url.searchParams.get("token_id") ?? "") : undefined;
      return book ? { status: 200, body: book } : { status: 404, body: { error: "No orderbook exists for the requested token id" } };
    });
    this.ws.onMessage = (client, text) => {
      const msg = JSON.parse(text) as { assets_ids?: string[]; type?: string };
      if (msg.type !== "market" || !msg.assets_ids) return;
      const books = this.fx.bookSnapshot.filter((b) => msg.assets_ids!.includes(b.asset_id as string));
      if (books.length) this.ws.send(books, client);
    };
  }

  async urls(): Promise<{ url: string; restUrl: string }> {
    return { url: await this.ws.url("/ws/market"), restUrl: await this.rest.url() };
  }

  /** Subscriptions received, in order, with the connection each came on. */
  subscriptions(): Array<{ conn: number; msg: Record<string, unknown> }> {
    return this.ws.received.map((r) => ({ conn: r.conn, msg: JSON.parse(r.text) as Record<string, unknown> }));
  }

  async close(): Promise<void> {
    await Promise.all([this.ws.close(), this.rest.close()]);
  }
}
