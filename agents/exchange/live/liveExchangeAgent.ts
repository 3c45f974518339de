import {
  ENDING_VERBS, families, patterns, subjects, type MarketEvent, type MarketOpen, type OrderDecision,
} from "../../../protocols/index.ts";
import { intentKnown, listOpenOrders, recordMarketClose, recordMarketOpen } from "../../../state/index.ts";
import { fromBoss, route, type AgentContext, type AgentSpec } from "../../../floor/host/index.ts";
import { exchangeMachine } from "../exchangeMachine.ts";
import { cancels, ownCancel } from "../cancelRequest.ts";
import { settleLeftovers, settleResolved } from "../settleResolved.ts";
import { STOPPING } from "../stopping.ts";
import { GeoblockedError } from "./errors.ts";
import type { LiveIntent } from "./events.ts";
import type { LiveExecutor } from "./LiveExecutor.ts";
import { LiveLedger, type LiveOrder } from "./LiveLedger.ts";
import { tickSizeText } from "./liveFillAmounts.ts";
import { reconcileVenue } from "./reconcileVenue.ts";
import { tierReports } from "./tierReports.ts";
import { UserSocket } from "../../../floor/adapters/polymarket/index.ts";
import { venueCancelReason } from "./venueCancelReason.ts";

type Intent = OrderDecision["intent"];

export interface LiveExchangeOptions {
  /** Builds the executor; `beforePost` must be passed to it (the ledger's write-ahead). */
  executor(beforePost: (intentId: string, orderId: string) => void): LiveExecutor;
  /** Floor time between polls of our trades (the backstop to the user channel). Default 2 s. */
  pollMs?: number;
  /** Floor time between attempts to connect when start-up failed. Default 30 s. */
  retryStartMs?: number;
  /** Floor time between looks for orders whose post timed out and were not found yet. Default 30 s. */
  recheckMs?: number;
  /** The CLOB user channel (our fills and cancels as they happen); without it, the poll alone. */
  userWsUrl?: string;
}

/**
 * The live exchange: approved orders go to Polymarket through the executor, one venue call at a
 * time. Each order is written to the ledger (pending, under its EIP-712 hash) before it is posted,
 * so a crash between post and ack leaves a record that start-up reconciliation finds at the venue
 * and adopts; nothing is posted twice. Fills are booked by the market's fee schedule; a trade that
 * fails on chain is reversed. Resting orders are cancelled at a market's close and all at shutdown.
 */
export function liveExchangeAgent(id: string, opts: LiveExchangeOptions): AgentSpec {
  return {
    id,
    kind: "exchange",
    config: { mode: "live", pollMs: opts.pollMs ?? 2000 },
    create(ctx) {
      const markets = new Map<string, MarketOpen>();
      const ledger = new LiveLedger(ctx.db, (s, b) => ctx.publish(s, b), (m) => markets.get(m)?.fee, (type) => ctx.send({ type }));
      const ex = opts.executor((intentId, orderId) => ledger.writeAhead(ledger.orders.get(intentId)!, orderId, ctx.clock.now()));
      let ready = false;
      let lastTry = -Infinity;
      let lastPoll = -Infinity;
      let lastRecheck = -Infinity;
      let leftoversSettled = false;
      let chain: Promise<void> = Promise.resolve();
      let user: UserSocket | undefined;
      const followMarkets = () => user?.setMarkets([...markets.values()].flatMap((m) => (m.conditionId ? [m.conditionId] : [])));
      const work = (label: string, fn: () => Promise<void>): Promise<void> => (chain = chain.then(fn).catch((err: unknown) => failed(ctx, label, err)));
      const tiers = tierReports(ctx, id, ex.rateTier, (err) => failed(ctx, "rate tier", err));

      const startUp = () =>
        work("start-up", async () => {
          lastTry = ctx.clock.now();
          const who = await ex.init();
          ctx.log.info({ apiKey: who.apiKey, address: who.address }, "connected to the venue");
          tiers.start();
          await reconcileVenue(ex, ledger, ctx.db, ctx.clock.now(), (action, detail, discrepancy) =>
            ctx.publish(subjects.audit("reconcile"), { kind: "reconcile", severity: discrepancy ? "violation" : "info", detail: { action, ...detail } }),
          );
          ex.startHeartbeat();
          ready = true;
          user = userChannel();
          followMarkets();
        });

      /** Fills and venue cancels as they happen; the poll remains the backstop. Each is booked once either way. */
      function userChannel(): UserSocket | undefined {
        const creds = ex.userChannelCreds();
        if (!opts.userWsUrl || !creds) return undefined;
        const u = new UserSocket({
          url: opts.userWsUrl,
          creds,
          onTrade: (t) => void work("user trade", async () => void ledger.apply(ex.ingestTrades([t]), ctx.clock.now())),
          onOrder: (o) => {
            if (o.type === "CANCELLATION" || o.status === "CANCELED") void work("user cancel", async () => void ledger.apply(ex.venueCancelled(o.id, venueCancelReason(o, Date.now())), ctx.clock.now()));
          },
          onStatus: (up, detail) => ctx.log[up ? "info" : "warn"]({ detail }, up ? "user channel subscribed" : "user channel down; polling trades meanwhile"),
          onError: (reason) => ctx.log.warn({ reason }, "user channel error"),
          onMalformed: (reason) => ctx.publish(subjects.audit("invalid"), { kind: "invalid", severity: "invalid", subject: "venue.user", detail: { error: reason } }),
        });
        u.start();
        return u;
      }

      async function submit(i: Intent): Promise<void> {
        const now = ctx.clock.now();
        const o: LiveOrder = { intentId: i.intentId, agentId: i.agentId, marketId: i.marketId, tokenId: i.tokenId, outcome: i.outcome, side: i.side, type: i.type, price: i.price, size: i.size, postOnly: i.postOnly, expiresAt: i.expiresAt };
        if (intentKnown(ctx.db, i.intentId)) return void ctx.log.warn({ intentId: i.intentId }, "duplicate intent ignored: the order already exists");
        const m = markets.get(i.marketId);
        // From the stop's beginning nothing new goes to the venue: the shutdown cancels what rests there.
        if (ctx.stopping()) return ledger.reject(o, STOPPING, now);
        if (ctx.state() !== "open" || ex.isHalted) return ledger.reject(o, "exchange halted", now);
        if (!ready) return ledger.reject(o, "exchange not connected to the venue", now);
        if (!m || now >= m.endTs) return ledger.reject(o, "market not open for trading", now);
        if (i.tokenId !== (i.outcome === "Up" ? m.upTokenId : m.downTokenId)) return ledger.reject(o, "token id does not match outcome", now);
        ledger.orders.set(i.intentId, o);
        const r = await ex.place(toLiveIntent(i, m));
        ledger.apply(r.events, ctx.clock.now());
        tiers.report();
      }

      /** No trading after the close: our resting orders there are cancelled. */
      async function cancelMarket(marketId: string): Promise<void> {
        for (const o of listOpenOrders(ctx.db, marketId)) if (o.status === "live") ledger.apply(await ex.cancel(o.orderId), ctx.clock.now());
      }

      function onMarket(e: MarketEvent): Promise<void> | void {
        if (e.phase === "open") {
          markets.set(e.marketId, e);
          recordMarketOpen(ctx.db, e);
          followMarkets();
          return;
        }
        return work(`market ${e.phase}`, async () => {
          if (ready) await cancelMarket(e.marketId);
          if (e.phase === "close") recordMarketClose(ctx.db, e.marketId, e.endPrice);
          else {
            markets.delete(e.marketId);
            followMarkets();
            settleResolved(ctx.db, e, ctx.clock.now(), (s, b) => ctx.publish(s, b));
          }
        });
      }

      return {
        machine: exchangeMachine,
        machineVersion: "exchange@2",
        routes: [
          route(families.market, onMarket),
          route(families.decision, fromBoss(ctx, (d) => (d.approved ? work(`order ${d.intent.intentId}`, () => submit(d.intent)) : undefined))),
          // A trader takes back its own resting orders at the venue.
          route(families.cancel, (c, subject) => {
            if (!ownCancel(ctx, c, subject)) return;
            return work(`cancel ${c.agentId}`, async () => {
              if (!ready) return;
              for (const o of listOpenOrders(ctx.db, c.marketId)) if (o.status === "live" && cancels(c, o)) ledger.apply(await ex.cancel(o.orderId), ctx.clock.now());
            });
          }),
          // A retired or failed agent takes no new positions: its resting orders at the venue are cancelled; its positions settle as they are.
          route(families.life, (m) => {
            if (!ENDING_VERBS.has(m.verb)) return;
            return work(`retire ${m.agentId}`, async () => {
              if (!ready) return;
              for (const o of listOpenOrders(ctx.db)) if (o.agentId === m.agentId && o.status === "live") ledger.apply(await ex.cancel(o.orderId), ctx.clock.now());
            });
          }),
          route(families.ctl, fromBoss(ctx, (c) => {
            if (c.verb === "pause") ctx.send({ type: "HALT", reason: c.reason });
            if (c.verb === "resume") ctx.send({ type: "RESUME" });
          }), { pattern: patterns.ctlOf(id) }),
        ],
        onStart: () => void startUp(),
        onTick(now) {
          // On the first step, when the traders hear it: what the last run resolved but never settled.
          if (!leftoversSettled) {
            leftoversSettled = true;
            settleLeftovers(ctx.db, now, (s, b) => ctx.publish(s, b), (b) => ctx.publish(subjects.audit("reconcile"), b));
          }
          if (!ready && now - lastTry >= (opts.retryStartMs ?? 30_000)) void startUp();
          if (ready && now - lastPoll >= (opts.pollMs ?? 2000)) {
            lastPoll = now;
            void work("poll trades", async () => void ledger.apply(await ex.pollTrades(), ctx.clock.now()));
          }
          if (ready && ex.doubtfulCount > 0 && now - lastRecheck >= (opts.recheckMs ?? 30_000)) {
            lastRecheck = now;
            void work("recheck timed-out orders", async () => void ledger.apply(await ex.recheckDoubtful(), ctx.clock.now()));
          }
          tiers.tick(ready);
        },
        async onStop() {
          await work("shutdown", async () => {
            if (ready) ledger.apply(await ex.cancelAll(), ctx.clock.now());
          });
          ex.close();
          await user?.close();
        },
      };
    },
  };
}

function toLiveIntent(i: Intent, m: MarketOpen): LiveIntent {
  const tickSize = tickSizeText(m.tickSize);
  return {
    intentId: i.intentId, tokenId: i.tokenId, side: i.side, type: i.type, price: i.price, size: i.size,
    ...(tickSize ? { tickSize } : {}),
    ...(i.type === "GTD" && i.expiresAt !== undefined ? { expiration: Math.floor(i.expiresAt / 1000) } : {}),
    ...(i.postOnly ? { postOnly: true } : {}),
  };
}

/** A venue call that failed: a geoblock halts the exchange; anything else is logged and audited. */
function failed(ctx: AgentContext, label: string, err: unknown): void {
  if (ctx.fail(err, label)) return; // the ledger's, not the venue's: never dropped
  const halt = err instanceof GeoblockedError;
  if (halt) ctx.send({ type: "HALT", reason: err.message });
  ctx.log.error({ err: String(err), label }, halt ? "venue refuses this location: exchange halted" : "venue call failed");
  ctx.publish(subjects.audit(halt ? "venue_halt" : "venue_error"), { kind: halt ? "venue_halt" : "venue_error", severity: "error", detail: { during: label, error: String(err) } });
}
