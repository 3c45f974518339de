import { MICRO, microFromNumber, subjects, type SimConfig } from "../../../protocols/index.ts";
import type { AgentSpec } from "../../../floor/host/index.ts";
import { upProbability } from "../../../floor/pricing/index.ts";
import { createRng } from "../../../floor/random/createRng.ts";
import { feedMachine } from "../feedMachine.ts";
import { quoteBook } from "../quoteBook.ts";
import { type PlannedMarket, type RecordedBook, type ReplayPlan, indexAtOrBefore, marketPrices, marketPriceTimes, volumeKnownIn } from "../../../floor/replay/index.ts";
import { SpotAnomaly } from "../health/SpotAnomaly.ts";
import { sigmaPerSecond } from "../simSpot.ts";
import { recordedBook } from "./recordedBook.ts";
import { bookCadenceMs } from "./bookCadenceMs.ts";

/** Floor times at which something in the data happens: every spot point, every open and close, every Up price. */
export function replaySteps(plan: ReplayPlan, warmupMs: number): number[] {
  const from = plan.start - warmupMs;
  const times = new Set<number>();
  const { ts } = plan.dataset.spot;
  for (let i = Math.max(0, indexAtOrBefore(plan.dataset.spot, from)); i < ts.length && ts[i]! <= plan.end; i++) if (ts[i]! >= from) times.add(ts[i]!);
  for (const m of plan.markets) {
    times.add(m.startTs);
    times.add(m.endTs);
    for (const t of marketPriceTimes(plan.dataset, m)) times.add(t);
  }
  return [...times].sort((a, b) => a - b);
}

export interface ReplayFeedOptions {
  /** Quote a book the floor invents (around the model's fair value) for windows with no recorded prices. */
  syntheticBook?: boolean;
}

/**
 * Replays a planned dataset onto the bus in floor time: spot as recorded (only the past is
 * ever published), each window opened with its recorded or observed strike and resolved with its
 * given or derived outcome. The market's book is published only when the data records a price,
 * at that price's time (recordedBook.ts: a conservative spread and depth around it), and never
 * re-published as if it were newer; the exchange fills an order only against a book recorded
 * after the order reached it (docs/DATA.md, "Fills"). A window with no recorded price has no book,
 * so nothing trades there, unless `syntheticBook` asks for one around the model's fair value.
 */
export function replayFeedAgent(id: string, plan: ReplayPlan, sim: SimConfig, seed: number, opts: ReplayFeedOptions = {}): AgentSpec {
  return {
    id,
    kind: "feed",
    config: { source: "replay", data: plan.dataset.source, format: plan.dataset.format, markets: plan.markets.length, syntheticBook: opts.syntheticBook === true },
    create(ctx) {
      const { spot } = plan.dataset;
      const sigma = sigmaPerSecond(sim.volAnnual);
      const rng = createRng(seed).fork("replay-book");
      let k = 0; // next spot point to publish
      let next = 0; // next market to open
      let open: PlannedMarket[] = [];
      let last: number | undefined;
      let lastSpotTs = -Infinity;
      /** Floor time up to which spot volume has been published. */
      let volumeTo: number | undefined;
      let gap = false;
      // The boss judges data stale against the slowest cadence announced: here the recorded prices' too.
      const cadenceMs = Math.max(spot.kind === "candles-1m" ? 60_000 : 1000, bookCadenceMs(plan));
      /** Per open window with recorded prices: its books in time order, and the next not yet published. */
      const quotes = new Map<string, { books: RecordedBook[]; next: number }>();

      /** A gap in the recorded spot series is reported as such, and its end as ok again. */
      const anomaly = new SpotAnomaly();
      let odd = false;

      function health(status: "ok" | "gap" | "anomaly", now: number, why?: string): void {
        const detail = status === "gap" ? `no spot point for ${((now - lastSpotTs) / 1000).toFixed(0)} s in the recording` : why;
        ctx.publish(subjects.health("replay"), {
          source: "replay", status, subject: spot.symbol, expectedIntervalMs: cadenceMs,
          ...(Number.isFinite(lastSpotTs) ? { lastDataTs: lastSpotTs } : {}), ...(detail ? { detail } : {}),
        });
      }

      function openMarket(m: PlannedMarket): void {
        ctx.publish(subjects.market(m.marketId, "open"), {
          phase: "open", marketId: m.marketId, slug: m.slug, symbol: spot.symbol, upTokenId: m.upTokenId, downTokenId: m.downTokenId,
          startTs: m.startTs, endTs: m.endTs, strike: microFromNumber(m.strike), fee: m.fee, tickSize: microFromNumber(m.tickSize), minSize: microFromNumber(m.minSize),
        });
      }

      function closeMarket(m: PlannedMarket): void {
        ctx.publish(subjects.market(m.marketId, "close"), { phase: "close", marketId: m.marketId, endPrice: microFromNumber(m.endPrice) });
        ctx.publish(subjects.market(m.marketId, "resolved"), { phase: "resolved", marketId: m.marketId, outcome: m.outcome, derived: m.outcomeSource !== "given" });
      }

      function publishBook(m: PlannedMarket, bids: RecordedBook["bids"], asks: RecordedBook["asks"]): void {
        ctx.publish(subjects.book(m.marketId), { marketId: m.marketId, tokenId: m.upTokenId, bids, asks, tickSize: microFromNumber(m.tickSize), minSize: microFromNumber(m.minSize) });
      }

      /** The book at the latest recorded market price up to `now`, once, when there is a new one. */
      function quote(m: PlannedMarket, now: number): void {
        const q = quotes.get(m.marketId);
        if (!q) return synthetic(m, now);
        let j = q.next;
        while (j < q.books.length && q.books[j]!.ts <= now) j++;
        if (j === q.next) return;
        q.next = j;
        publishBook(m, q.books[j - 1]!.bids, q.books[j - 1]!.asks);
      }

      /** A window's books as the data records them, or the conservative book around each recorded Up price. */
      function recordedQuotes(m: PlannedMarket): RecordedBook[] | undefined {
        const p = marketPrices(plan.dataset, m);
        if (p?.source !== "prices") return p?.books;
        const tick = microFromNumber(m.tickSize);
        return p.points.map((x) => ({ ts: x.ts, ...recordedBook(x.price, tick) }));
      }

      /** Only on request (--synthetic-book): a maker's book around the model's fair value from spot, every step. */
      function synthetic(m: PlannedMarket, now: number): void {
        if (!opts.syntheticBook) return;
        const fair = last === undefined ? 0.5 : upProbability(last, m.strike, sigma, (m.endTs - now) / 1000);
        const { bids, asks } = quoteBook(Math.min(0.99, Math.max(0.01, fair)), microFromNumber(m.tickSize), sim, rng);
        publishBook(m, bids, asks);
      }

      return {
        machine: feedMachine,
        machineVersion: "feed@1",
        routes: [],
        onStart: () => ctx.send({ type: "START" }),
        onTick(now) {
          if (lastSpotTs === -Infinity && k === 0) health("ok", now); // announce the cadence first
          if (k < spot.ts.length && spot.ts[k]! <= now) {
            while (k < spot.ts.length && spot.ts[k]! <= now) k++;
            // The volume known since the last tick published (the first: since the point before it).
            const volume = volumeKnownIn(spot, volumeTo ?? (k >= 2 ? spot.ts[k - 2]! : -Infinity), now);
            volumeTo = now;
            last = spot.price[k - 1]!;
            lastSpotTs = spot.ts[k - 1]!;
            // Recorded data is replayed as recorded; an implausible print is reported, not hidden.
            const why = anomaly.check(last, lastSpotTs);
            if (why) health("anomaly", now, why);
            else if (odd) health("ok", now, "spot plausible again");
            odd = why !== undefined;
            ctx.publish(subjects.spot(spot.symbol), { symbol: spot.symbol, price: Math.round(last * MICRO), ...(volume !== undefined ? { volume } : {}) });
            if (gap) {
              gap = false;
              health("ok", now);
            }
          } else if (!gap && now - lastSpotTs > plan.dataset.maxSpotAgeMs && Number.isFinite(lastSpotTs)) {
            gap = true;
            health("gap", now);
          }
          for (const m of open.filter((m) => m.endTs <= now)) {
            closeMarket(m);
            quotes.delete(m.marketId);
          }
          open = open.filter((m) => m.endTs > now);
          while (next < plan.markets.length && plan.markets[next]!.startTs <= now) {
            const m = plan.markets[next++]!;
            if (m.endTs > now) {
              openMarket(m);
              open.push(m);
              const books = recordedQuotes(m);
              if (books) quotes.set(m.marketId, { books, next: 0 });
            }
          }
          for (const m of open) quote(m, now);
        },
      };
    },
  };
}
