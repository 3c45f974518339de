import { microFromNumber, subjects, type Outcome } from "../../../protocols/index.ts";
import type { AgentSpec } from "../../../floor/host/index.ts";
import { feedMachine } from "../feedMachine.ts";
import { BookThrottle } from "./BookThrottle.ts";
import { bookBody, closeBody, healthBody, openBody, resolvedBody, tradeBody, type HealthStatus } from "./liveMessages.ts";
import { LIVE_FEED_DEFAULTS, type LiveFeedOptions } from "./liveFeedOptions.ts";
import { LiveWindows, type LiveWindow } from "./LiveWindows.ts";
import { MarketSocket } from "./MarketSocket.ts";
import { ReferenceFeed, type ReferenceSource } from "./ReferenceFeed.ts";
import { historyLookup, settlesOnTwap } from "./settlementSeries.ts";
import { SpotHistory } from "./SpotHistory.ts";
import { WindowDiscovery } from "./WindowDiscovery.ts";
import { SpotAnomaly } from "../health/SpotAnomaly.ts";

export interface LiveFeedSpec extends AgentSpec {
  /** Resolves once the agent stopped and its sockets and requests are closed. */
  stopped(): Promise<void>;
  /** Socket counters and the count of messages the floor refused (0 unless there is a bug). */
  stats(): { clob: MarketSocket["counters"] | undefined; reference: ReturnType<ReferenceFeed["counters"]> | undefined; publishErrors: number };
}

/**
 * The live Polymarket feed: discovers the current and next window on Gamma at each boundary,
 * opens each at its start, streams the Up token's book (throttled), prints and spot, closes at the
 * end, and resolves from `market_resolved`, else Gamma, else end ≥ strike (a tie is Up). Strike and
 * end come from the series the window settles on: Gamma's priceToBeat first, else the 60 s
 * Chainlink TWAP at the open and the close for TWAP-settled windows (from 2026-08-07), the
 * Chainlink spot before. Reports md.health transitions, and every gap.
 */
export function liveFeedAgent(id: string, options: Partial<LiveFeedOptions> = {}): LiveFeedSpec {
  // The credentials stay out of `o`: the agent's config is stored and shown.
  const { liveDataCreds = { none: "no CLOB API credentials given" }, ...rest } = options;
  const o: Omit<LiveFeedOptions, "liveDataCreds"> = { ...LIVE_FEED_DEFAULTS, ...rest };
  let closing: Promise<void> = Promise.resolve();
  let clob: MarketSocket | undefined;
  let reference: ReferenceFeed | undefined;
  let publishErrors = 0;
  return {
    id, kind: "feed", config: { source: "polymarket", ...o, liveDataAuth: "none" in liveDataCreds ? "none" : "creds" in liveDataCreds ? "environment" : liveDataCreds.from },
    stopped: () => closing,
    stats: () => ({ clob: clob?.counters, reference: reference?.counters(), publishErrors }),
    create(ctx) {
      const abort = new AbortController();
      const gammaOpts = { attempts: o.gammaAttempts, minDelayMs: o.backoffMinMs, maxDelayMs: o.backoffMaxMs, signal: abort.signal };
      const windows = new LiveWindows({ closeGraceMs: o.closeGraceMs, resolveGiveUpMs: o.resolveGiveUpMs, keepMs: 3_600_000 });
      const history = new SpotHistory();
      const twapHistory = new SpotHistory();
      const throttle = new BookThrottle(o.bookThrottleMs);
      const health = new Map<string, HealthStatus>();
      const lastData: Record<string, number | undefined> = {};
      let followed = "";

      const publish = (subject: string, body: Record<string, unknown>) => {
        try {
          ctx.publish(subject, body);
        } catch (err) {
          publishErrors++;
          ctx.log.error({ subject, err }, "live feed message refused");
        }
      };
      const report = (source: string, status: HealthStatus, subject: string, expectedMs: number, detail: string) => {
        if (health.get(source) === status && status !== "gap") return; // a gap is an event: each one is told
        health.set(source, status);
        publish(subjects.health(source), healthBody(source, status, subject, expectedMs, lastData[source], detail));
      };
      const anomaly = new SpotAnomaly();
      const spot = historyLookup(history, o.spotToleranceMs);
      const twap = historyLookup(twapHistory, o.spotToleranceMs);
      // While only the RTDS fallback is up there is no TWAP stream: TWAP-settled windows use the spot (see docs/LIVE.md).
      const refFor = (lw: LiveWindow) => (settlesOnTwap(lw.w) && reference?.hasTwap ? twap : spot);
      const openWindow = (lw: LiveWindow) => lw.phase === "open";
      const publishBook = (lw: LiveWindow) => {
        const book = clob?.book(lw.w.upTokenId);
        if (book?.seeded) publish(subjects.book(lw.w.slug), bookBody(lw, book, o.bookDepth));
      };
      const resolve = (lw: LiveWindow, outcome: Outcome, derived: boolean) => {
        if (lw.phase !== "closed") {
          lw.outcome ??= outcome; // told before the close: resolved right after it
          return;
        }
        lw.phase = "resolved";
        publish(subjects.market(lw.w.slug, "resolved"), resolvedBody(lw, outcome, derived));
      };

      clob = new MarketSocket({
        url: o.clobWsUrl, restUrl: o.clobRestUrl, pingMs: o.clobPingMs, staleMs: o.clobStaleMs, depth: o.bookDepth,
        backoff: { minMs: o.backoffMinMs, maxMs: o.backoffMaxMs }, rest: { attempts: 2, minDelayMs: o.backoffMinMs },
        onBook(book) {
          lastData.clob = ctx.clock.now();
          const lw = windows.byToken(book.assetId);
          if (lw && openWindow(lw) && book.assetId === lw.w.upTokenId && throttle.offer(lw.w.slug, ctx.clock.now())) publishBook(lw);
        },
        onTrade(t) {
          const lw = windows.byToken(t.asset_id);
          const body = lw && openWindow(lw) ? tradeBody(lw, t) : undefined;
          if (lw && body) publish(subjects.trade(lw.w.slug), body);
        },
        onResolved(e) {
          const lw = windows.byCondition(e.market);
          const outcome = e.winning_asset_id === lw?.w.upTokenId ? "Up" : e.winning_asset_id === lw?.w.downTokenId ? "Down" : undefined;
          if (lw && outcome) resolve(lw, outcome, false);
        },
        onHealth: (s, detail) => s !== "connecting" && s !== "closed" && report("clob", s, "market-channel", o.clobExpectedMs, detail),
      });
      const refHealth = (source: ReferenceSource, status: HealthStatus, detail: string) => report(source, status, o.symbol, o.rtdsExpectedMs, detail);
      reference = new ReferenceFeed({
        liveData: { url: o.liveDataUrl, symbol: `${o.asset}usd`, serverPingMs: o.liveDataServerPingMs, staleMs: o.rtdsStaleMs, backoff: { minMs: o.backoffMinMs, maxMs: o.backoffMaxMs }, drainMaxMs: o.liveDataDrainMaxMs },
        creds: liveDataCreds,
        rtds: { url: o.rtdsUrl, fallbackUrl: o.binanceUrl, pingMs: o.rtdsPingMs, staleMs: o.rtdsStaleMs, backoff: { minMs: o.backoffMinMs, maxMs: o.backoffMaxMs } },
        failoverMs: o.liveDataFailoverMs,
        onSpot(priceUsd, tsMs, from) {
          const source: ReferenceSource = from === "livedata" ? "livedata" : "rtds";
          // An implausible print is reported and kept out of the history the strike and close are read from.
          const odd = anomaly.check(priceUsd, tsMs);
          if (odd) return refHealth(source, "anomaly", odd);
          if (health.get(source) === "anomaly") refHealth(source, "ok", "spot plausible again");
          history.add({ priceUsd, tsMs });
          lastData[source] = ctx.clock.now();
          publish(subjects.spot(o.symbol), { symbol: o.symbol, price: microFromNumber(priceUsd) });
          if (from === "binance") refHealth("rtds", "stale", "RTDS down: spot from the Binance fallback");
        },
        onTwap(priceUsd, tsMs) {
          twapHistory.add({ priceUsd, tsMs });
          lastData.livedata = ctx.clock.now();
        },
        onHealth: (source, status, detail) => status !== "connecting" && status !== "closed" && refHealth(source, status, detail),
        log: (level, msg) => ctx.log[level]({ feed: "reference" }, msg),
      });

      const series = `${o.asset}-updown-${o.minutes}m`;
      const discovery = new WindowDiscovery(windows, {
        gammaUrl: o.gammaUrl, asset: o.asset, minutes: o.minutes, rediscoverMs: o.rediscoverMs, resolvePollMs: o.resolvePollMs, fetch: gammaOpts,
        onFound(w) {
          windows.upsert(w);
          report("gamma", "ok", series, o.minutes * 60_000, `discovered ${w.slug}`);
          follow();
        },
        onError: (err) => report("gamma", err.status === 404 ? "gap" : "stale", series, o.minutes * 60_000, err.message),
        onOutcome(w) {
          const lw = windows.get(w.slug);
          if (lw && w.outcome) resolve(lw, w.outcome, false);
        },
      });

      function follow(): void {
        const tokens = windows.tokens();
        if (tokens.join() === followed) return;
        followed = tokens.join();
        clob?.setAssets(tokens);
      }

      function step(now: number): void {
        void discovery.tick(now);
        for (const a of windows.actions(now, refFor)) {
          const lw = a.lw;
          const ref = refFor(lw);
          if (a.kind === "open") {
            if (settlesOnTwap(lw.w) && ref !== twap && lw.w.priceToBeat === undefined) ctx.log.warn({ slug: lw.w.slug }, "TWAP-settled window opened on the Chainlink spot: no TWAP stream (RTDS fallback)");
            lw.strikeUsd = lw.w.priceToBeat ?? ref.priceAt(lw.w.startTs)!;
            lw.phase = "open";
            publish(subjects.market(lw.w.slug, "open"), openBody(lw, lw.strikeUsd, o.symbol));
            if (throttle.offer(lw.w.slug, now)) publishBook(lw);
          } else if (a.kind === "close") {
            lw.endPriceUsd = ref.priceAt(lw.w.endTs) ?? ref.latest()!;
            lw.phase = "closed";
            throttle.forget(lw.w.slug);
            publish(subjects.market(lw.w.slug, "close"), closeBody(lw, lw.endPriceUsd));
            if (lw.outcome) resolve(lw, lw.outcome, false);
          } else if (a.kind === "derive") {
            resolve(lw, lw.endPriceUsd! >= lw.strikeUsd! ? "Up" : "Down", true);
          } else discovery.poll(lw.w.slug, lw.w.startTs, now);
        }
        for (const slug of throttle.due(now)) {
          const lw = windows.get(slug);
          if (lw && openWindow(lw)) publishBook(lw);
        }
        follow();
      }

      return {
        machine: feedMachine,
        machineVersion: "feed@1",
        routes: [],
        onStart() {
          ctx.send({ type: "START" });
          clob?.start();
          reference?.start();
          void discovery.tick(ctx.clock.now());
        },
        onTick: step,
        onStop() {
          abort.abort();
          closing = Promise.all([clob?.close(), reference?.close()]).then(() => undefined);
        },
      };
    },
  };
}
