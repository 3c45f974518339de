import { gammaMarkets, type GammaRaw } from "./fixtures.ts";
import { FakeHttpServer, type Reply } from "./FakeHttpServer.ts";

/**
 * A local Gamma serving `GET /events/slug/<slug>` from the recorded market objects, each wrapped
 * in an event as Gamma nests it. `live` rewrites a market as it looked while trading (not closed,
 * mid prices); `failures` queues replies to give before the real one (429, 503, …).
 */
export class FakeGamma {
  readonly markets = new Map<string, GammaRaw>(gammaMarkets().map((m) => [m.slug, m]));
  readonly live = new Set<string>();
  readonly metadata = new Map<string, Record<string, unknown>>();
  failures: Reply[] = [];
  readonly http = new FakeHttpServer((url) => this.reply(url));

  url(): Promise<string> {
    return this.http.url();
  }

  /** Requests for one slug. */
  hits(slug: string): number {
    return this.http.requests.filter((r) => r === `/events/slug/${slug}`).length;
  }

  close(): Promise<void> {
    return this.http.close();
  }

  private reply(url: URL): Reply {
    const m = /^\/events\/slug\/([a-z0-9-]+)$/.exec(url.pathname);
    if (!m) return { status: 404, body: { error: "not found" } };
    const next = this.failures.shift();
    if (next) return next;
    const raw = this.markets.get(m[1]!);
    if (!raw) return { status: 404, body: { error: "event not found" } };
    const market = this.live.has(raw.slug) ? { ...raw, closed: false, acceptingOrders: true, umaResolutionStatus: undefined, outcomePrices: '["0.505", "0.495"]' } : raw;
    return { status: 200, body: { id: `ev-${raw.id}`, slug: raw.slug, title: raw.question, markets: [market], ...(this.metadata.has(raw.slug) ? { eventMetadata: this.metadata.get(raw.slug) } : {}) } };
  }
}
