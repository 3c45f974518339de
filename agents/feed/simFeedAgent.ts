import { MICRO, microFromNumber, subjects, type SimConfig } from "../../protocols/index.ts";
import type { AgentSpec } from "../../floor/host/index.ts";
import { upProbability } from "../../floor/pricing/index.ts";
import { createRng } from "../../floor/random/createRng.ts";
import { feedMachine, type FeedContext, type FeedMarket } from "./feedMachine.ts";
import { marketSlug, simTokenId, windowStart } from "./marketWindow.ts";
import { quoteBook } from "./quoteBook.ts";
import { sigmaPerSecond, stepSpot, type SpotState } from "./simSpot.ts";

const CHECKPOINT_EVERY_MS = 10_000;

/**
 * The simulated market: a seeded spot walk published every step, back-to-back Up/Down windows
 * (strike = spot at the open, resolved Up when the close is at least the strike), and a maker's
 * book around a slightly stale, noisy fair value.
 */
export function simFeedAgent(id: string, seed: number, sim: SimConfig): AgentSpec {
  return {
    id,
    kind: "feed",
    config: { source: "sim", seed, sim },
    create(ctx) {
      const lenMs = sim.marketMinutes * 60_000;
      const tick = microFromNumber(sim.tickSize);
      const sigma = sigmaPerSecond(sim.volAnnual);
      const history: number[] = [];
      let spot: SpotState | undefined;
      let market: FeedMarket | null = null;
      let lastTs: number | undefined;
      let lastCheckpoint = -Infinity;
      let rng = createRng(seed).fork("spot");
      let bookRng = createRng(seed).fork("book");

      function open(now: number): void {
        const slug = marketSlug(sim.asset, sim.marketMinutes, now);
        market = {
          marketId: slug,
          strike: microFromNumber(spot!.price),
          startTs: now,
          endTs: now + lenMs,
          upTokenId: simTokenId(seed, slug, "Up"),
          downTokenId: simTokenId(seed, slug, "Down"),
        };
        announce(market);
        ctx.send({ type: "OPENED", market });
      }

      /** Publish a window's open message (again, after a restart, so every agent knows the live market). */
      function announce(m: FeedMarket): void {
        ctx.publish(subjects.market(m.marketId, "open"), {
          phase: "open", marketId: m.marketId, slug: m.marketId, symbol: sim.symbol, upTokenId: m.upTokenId, downTokenId: m.downTokenId,
          startTs: m.startTs, endTs: m.endTs, strike: m.strike, fee: sim.fee, tickSize: tick, minSize: microFromNumber(sim.minOrderShares),
        });
      }

      function close(m: FeedMarket): void {
        const endPrice = microFromNumber(spot!.price);
        ctx.publish(subjects.market(m.marketId, "close"), { phase: "close", marketId: m.marketId, endPrice });
        // Polymarket's rule: the close at least the strike resolves Up (a tie is Up).
        ctx.publish(subjects.market(m.marketId, "resolved"), { phase: "resolved", marketId: m.marketId, outcome: endPrice >= m.strike ? "Up" : "Down", derived: true });
        market = null;
        ctx.send({ type: "CLOSED" });
      }

      function quote(m: FeedMarket, now: number): void {
        const lagged = history.length > sim.quoteLagSec ? history[history.length - 1 - sim.quoteLagSec]! : history[0]!;
        const fair = upProbability(lagged, m.strike / MICRO, sigma, (m.endTs - now) / 1000) + sim.quoteNoise * bookRng.normal();
        const { bids, asks } = quoteBook(Math.min(0.99, Math.max(0.01, fair)), tick, sim, bookRng);
        ctx.publish(subjects.book(m.marketId), { marketId: m.marketId, tokenId: m.upTokenId, bids, asks, tickSize: tick, minSize: microFromNumber(sim.minOrderShares) });
      }

      return {
        machine: feedMachine,
        machineVersion: "feed@1",
        routes: [],
        onStart() {
          ctx.send({ type: "START" });
        },
        onTick(now) {
          if (spot === undefined) {
            const c = ctx.context<FeedContext>();
            spot = { price: c?.spot ?? sim.startPrice, volMult: c?.volMult ?? 1 };
            market = c?.market ?? null;
            if (market) announce(market);
            if (c?.spot != null) {
              // Resuming: draw from a fresh stream so the walk does not repeat what it already did.
              rng = createRng(`${seed}@${now}`).fork("spot");
              bookRng = createRng(`${seed}@${now}`).fork("book");
            }
          }
          const dtSec = lastTs === undefined ? 1 : Math.max(0.001, (now - lastTs) / 1000);
          lastTs = now;
          spot = stepSpot(spot, sim, dtSec, rng);
          history.push(spot.price);
          if (history.length > sim.quoteLagSec + 1) history.shift();
          ctx.publish(subjects.spot(sim.symbol), { symbol: sim.symbol, price: microFromNumber(spot.price) });
          if (market && now >= market.endTs) close(market);
          // Open only at a window's first step: a floor started mid-window waits for the next one.
          if (!market && now - windowStart(now, lenMs) < 1000) open(now);
          if (market) quote(market, now);
          if (now - lastCheckpoint >= CHECKPOINT_EVERY_MS) {
            lastCheckpoint = now;
            ctx.send({ type: "CHECKPOINT", spot: spot.price, volMult: spot.volMult });
          }
        },
        onStop() {
          if (spot) ctx.send({ type: "CHECKPOINT", spot: spot.price, volMult: spot.volMult });
        },
      };
    },
  };
}
