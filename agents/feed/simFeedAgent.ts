import { families, MICRO, microFromNumber, subjects, type SimConfig } from "../../protocols/index.ts";
import type { SimSeries } from "../../protocols/config.ts";
import { route, type AgentSpec } from "../../floor/host/index.ts";
import { jumpUpProbability } from "../../floor/pricing/index.ts";
import { createRng, type Rng } from "../../floor/random/createRng.ts";
import type { FeedMarket } from "./feedMachine.ts";
import { marketSlug, outcomeOf, simTokenId, windowStart } from "./marketWindow.ts";
import { drawFlow } from "./sim/flow.ts";
import { MakerBook } from "./sim/makerBook.ts";
import { simFeedMachine, type SimFeedContext, type WalkCheckpoint } from "./sim/simFeedMachine.ts";
import { restoreSimFeed, saveSimFeed, type SimFeedRun, type SimFeedState } from "./sim/simFeedState.ts";
import { stepSpot } from "./simSpot.ts";
import { simWalks, walkStream, type Walk } from "./sim/simWalks.ts";

const CHECKPOINT_EVERY_MS = 10_000;

/** One series' live window, its makers' book and its public order flow. */
interface Series {
  key: string;
  cfg: SimSeries;
  lenMs: number;
  walk: Walk;
  market: FeedMarket | null;
  book: MakerBook | null;
  bookRng: Rng;
  flowRng: Rng;
}

/**
 * The simulated market, one or more series (an underlying and a window length): a seeded,
 * calibrated spot walk per symbol published every step, back-to-back Up/Down windows per series
 * (strike = spot at the open, resolved Up when the close is at least the strike), a population
 * of makers quoting the Up token around the walk's own probability of Up (from the spot now or a
 * second or two ago, plus a little noise), and public prints from noise
 * traders and whales that take the makers' liquidity, as our own fills do. See docs/SIMULATOR.md.
 */
export function simFeedAgent(id: string, seed: number, sim: SimConfig): AgentSpec {
  return {
    id,
    kind: "feed",
    config: { source: "sim", seed, sim },
    create(ctx) {
      const tick = microFromNumber(sim.tickSize);
      const minSize = microFromNumber(sim.minOrderShares);
      const maxLag = Math.max(...sim.makers.map((m) => m.lagSec));
      const streams = (base: string | number) => {
        for (const w of walks.values()) w.rng = walkStream(base, w.symbol);
        for (const s of series) {
          s.bookRng = createRng(base).fork(`book/${s.key}`);
          s.flowRng = createRng(base).fork(`flow/${s.key}`);
        }
      };
      const walks = simWalks(sim, seed);
      const series: Series[] = sim.series.map((cfg) => ({
        key: `${cfg.symbol}/${cfg.marketMinutes}`, cfg, lenMs: cfg.marketMinutes * 60_000, walk: walks.get(cfg.symbol)!,
        market: null, book: null, bookRng: createRng(seed), flowRng: createRng(seed),
      }));
      const byMarket = new Map<string, Series>();
      streams(seed);
      const run: SimFeedRun = { started: false, lastTs: undefined, lastCheckpoint: -Infinity };

      function open(s: Series, now: number): void {
        const slug = marketSlug(s.cfg.asset, s.cfg.marketMinutes, now);
        const market: FeedMarket = {
          marketId: slug,
          strike: microFromNumber(s.walk.state!.price),
          startTs: now,
          endTs: now + s.lenMs,
          upTokenId: simTokenId(seed, slug, "Up"),
          downTokenId: simTokenId(seed, slug, "Down"),
        };
        attach(s, market);
        ctx.send({ type: "OPENED", series: s.key, market });
      }

      /** Make `m` the series' live window with a fresh book, and publish its open message (again, after a restart). */
      function attach(s: Series, m: FeedMarket): void {
        s.market = m;
        s.book = new MakerBook(sim.makers, tick);
        byMarket.set(m.marketId, s);
        ctx.publish(subjects.market(m.marketId, "open"), {
          phase: "open", marketId: m.marketId, slug: m.marketId, symbol: s.cfg.symbol, upTokenId: m.upTokenId, downTokenId: m.downTokenId,
          startTs: m.startTs, endTs: m.endTs, strike: m.strike, fee: sim.fee, tickSize: tick, minSize,
        });
      }

      function close(s: Series, m: FeedMarket): void {
        const endPrice = microFromNumber(s.walk.state!.price);
        ctx.publish(subjects.market(m.marketId, "close"), { phase: "close", marketId: m.marketId, endPrice });
        ctx.publish(subjects.market(m.marketId, "resolved"), { phase: "resolved", marketId: m.marketId, outcome: outcomeOf(endPrice, m.strike), derived: true });
        byMarket.delete(m.marketId);
        s.market = null;
        s.book = null;
        ctx.send({ type: "CLOSED", series: s.key });
      }

      /** Makers due requote, the public's orders take liquidity (and print), then the book is published. */
      function trade(s: Series, m: FeedMarket, book: MakerBook, now: number, dtSec: number, fresh: boolean): void {
        const h = s.walk.history;
        const nowSec = Math.floor(now / 1000);
        const left = (m.endTs - now) / 1000;
        // Makers know the model: the volatility regime (the walk's current diffusive volatility) and its jumps' rate and size
        // (a jump is jumpSigmas seconds of that volatility). A lagged maker lacks only the latest spot.
        const sigma = s.walk.sigma * s.walk.state!.volMult;
        const jumpLog = s.walk.model.jumpSigmas * sigma;
        const due = sim.makers.map((_, i) => fresh || book.due(i, nowSec));
        // Every maker due this step withdraws first, then each posts: a fresh quote is never dropped for crossing a quote its owner is replacing.
        due.forEach((d, i) => d && book.cancel(i));
        sim.makers.forEach((mk, i) => {
          if (!due[i]) return;
          const lagged = h[Math.max(0, h.length - 1 - mk.lagSec)]!;
          const fair = jumpUpProbability(lagged, m.strike / MICRO, sigma, left, s.walk.model.jumpProb, jumpLog);
          book.requote(i, fair + mk.noise * s.bookRng.normal(), s.bookRng);
        });
        for (const o of drawFlow(sim, dtSec, s.flowRng)) {
          const side = (o.outcome === "Up") === (o.side === "BUY") ? "asks" : "bids";
          const best = book.best(side);
          if (best === undefined) continue;
          const limit = side === "asks" ? Math.min(MICRO - tick, best + o.maxTicks * tick) : Math.max(tick, best - o.maxTicks * tick);
          const tokenId = o.outcome === "Up" ? m.upTokenId : m.downTokenId;
          for (const t of book.take(side, o.shares * MICRO, limit)) {
            ctx.publish(subjects.trade(m.marketId), { marketId: m.marketId, tokenId, price: o.outcome === "Up" ? t.price : MICRO - t.price, size: t.size, side: o.side });
          }
        }
        const { bids, asks } = book.snapshot();
        ctx.publish(subjects.book(m.marketId), { marketId: m.marketId, tokenId: m.upTokenId, bids, asks, tickSize: tick, minSize });
      }

      function checkpoint(): void {
        const cp: Record<string, WalkCheckpoint> = {};
        for (const w of walks.values()) if (w.state) cp[w.symbol] = { price: w.state.price, volMult: w.state.volMult };
        ctx.send({ type: "CHECKPOINT", walks: cp });
      }

      return {
        machine: simFeedMachine,
        machineVersion: "simFeed@1",
        routes: [
          // Our own orders' fills, printed by the paper exchange, take the makers' quotes too.
          route(families.trade, (p) => {
            if (p.src === ctx.id) return;
            const s = byMarket.get(p.marketId);
            if (!s?.book || !s.market) return;
            s.book.applyPrint(p.tokenId === s.market.upTokenId ? "Up" : "Down", p.side, p.price, p.size);
          }),
        ],
        onStart() {
          ctx.send({ type: "START" });
        },
        onTick(now) {
          if (!run.started) {
            run.started = true;
            const c = ctx.context<SimFeedContext>();
            const resumed = c !== undefined && Object.keys(c.walks).length > 0;
            for (const w of walks.values()) {
              const cp = c?.walks[w.symbol];
              w.state = { price: cp?.price ?? w.startPrice, volMult: cp?.volMult ?? 1 };
            }
            // Resuming: draw from fresh streams so the walk does not repeat what it already did.
            if (resumed) streams(`${seed}@${now}`);
            for (const s of series) {
              const m = c?.markets[s.key];
              if (m) attach(s, m);
            }
          }
          const last = run.lastTs;
          // The first step of this run (fresh, or resumed without the feed's saved state): every maker quotes.
          const first = last === undefined;
          const dtSec = last === undefined ? 1 : Math.max(0.001, (now - last) / 1000);
          run.lastTs = now;
          for (const w of walks.values()) {
            w.state = stepSpot(w.state!, w.model, dtSec, w.rng);
            w.history.push(w.state.price);
            if (w.history.length > maxLag + 1) w.history.shift();
            ctx.publish(subjects.spot(w.symbol), { symbol: w.symbol, price: microFromNumber(w.state.price) });
          }
          for (const s of series) {
            if (s.market && now >= s.market.endTs) close(s, s.market);
            // Open only at a window's first step: a floor started mid-window waits for the next one.
            let fresh = false;
            if (!s.market && now - windowStart(now, s.lenMs) < 1000) {
              open(s, now);
              fresh = true;
            }
            if (s.market && s.book) trade(s, s.market, s.book, now, dtSec, fresh || first);
          }
          if (now - run.lastCheckpoint >= CHECKPOINT_EVERY_MS) {
            run.lastCheckpoint = now;
            checkpoint();
          }
        },
        onStop() {
          if (run.started) checkpoint();
        },
        // An exact resume (docs/RESUME.md): the walks, books and streams exactly where they were, nothing re-announced.
        save: () => saveSimFeed(walks.values(), series, run),
        restore(state) {
          restoreSimFeed(state as SimFeedState, walks.values(), series, run, () => new MakerBook(sim.makers, tick));
          for (const s of series) if (s.market) byMarket.set(s.market.marketId, s);
        },
      };
    },
  };
}
