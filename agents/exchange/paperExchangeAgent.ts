import { ENDING_VERBS, families, patterns, subjects, type MarketEvent, type MarketOpen, type OrderDecision } from "../../protocols/index.ts";
import {
  recordFill, recordMarketClose, recordMarketOpen, recordOrder, setOrderStatus, sharesHeld,
} from "../../state/index.ts";
import { fromBoss, route, type AgentSpec } from "../../floor/host/index.ts";
import { MarketEngine, type EngineEvent, type EngineOrder, type EngineState } from "./engine/index.ts";
import { exchangeMachine } from "./exchangeMachine.ts";
import { settleResolved } from "./settleResolved.ts";
import { cancels, ownCancel } from "./cancelRequest.ts";
import { CLOSED_UNADOPTED, type Adoptable } from "./reconcileOpenOrders.ts";
import { restartReconciler } from "./restartReconciler.ts";
import { STOPPING } from "./stopping.ts";

type Intent = OrderDecision["intent"];
type OrderTerms = Pick<Intent, "side" | "outcome" | "price" | "type" | "postOnly" | "expiresAt">;
/** An order the engine works for us: what its events are booked against. */
interface Working extends Pick<Intent, "agentId" | "intentId" | "marketId" | "tokenId" | "outcome" | "side" | "size"> {
  filled: number;
  /** Whether the trader has had its ack (an adopted order that was live has). */
  acked: boolean;
  /** Cancelled, expired or refused: no longer working. */
  done?: boolean;
  /** Set when adopted after a restart (floor ms): its fill ids carry it (see `apply`). */
  adoptedAt?: number;
}

/** The exchange between two sim steps (an exact resume, docs/RESUME.md): every market's engine and its orders (a resolved market's can have no more events). */
interface PaperExchangeState {
  markets: Map<string, { open: MarketOpen; engine: EngineState }>;
  orders: Map<string, Working>;
}

export interface PaperExchangeOptions {
  /** Time between the boss's decision and the order reaching the book (ms of floor time). */
  latencyMs?: number;
  /** Replay of recorded prices: an order meets only a book recorded after it arrived (MarketEngine, EngineConfig.freshQuotes). */
  freshQuotes?: boolean;
}

/**
 * Paper fills from the floor's one matching engine (sim, replay and paper alike): approved
 * orders of every type meet the latest book with price-time priority and partial fills; resting
 * orders keep their queue position behind the book's size and fill from public prints; taker
 * fees as Polymarket charges them, maker rebates accrued. The ledger is written before any fill
 * is announced; resolved markets are settled (winners pay 1). After a restart, the orders the
 * ledger left working are adopted or cancelled (restartReconciler.ts).
 */
export function paperExchangeAgent(id = "exchange", opts: PaperExchangeOptions = {}): AgentSpec {
  return {
    id,
    kind: "exchange",
    config: { mode: "paper-matching", latencyMs: opts.latencyMs ?? 0, freshQuotes: opts.freshQuotes === true },
    create(ctx) {
      const markets = new Map<string, { open: MarketOpen; engine: MarketEngine }>();
      const orders = new Map<string, Working>();
      /** Each agent's orders still working (ids into `orders`): cancels, retirements and sell checks look at these only, not at every order of the run. */
      const working = new Map<string, Set<string>>();
      const track = (orderId: string, agentId: string) => (working.get(agentId) ?? working.set(agentId, new Set()).get(agentId)!).add(orderId);
      const untrack = (orderId: string, agentId: string) => working.get(agentId)?.delete(orderId);
      function* workingOf(agentId: string): Generator<[string, Working]> {
        for (const id of working.get(agentId) ?? []) {
          const o = orders.get(id);
          if (o) yield [id, o];
        }
      }
      const db = ctx.db;
      const restart = restartReconciler(ctx);
      const publishEvent = (i: Pick<Intent, "agentId" | "intentId">, body: Record<string, unknown>) => ctx.publish(subjects.orderEvent(i.agentId), { agentId: i.agentId, intentId: i.intentId, ...body });

      function reject(i: Intent, orderId: string, reason: string): void {
        recordOrder(db, { ...i, orderId, status: "rejected", reason, ts: ctx.clock.now() });
        ctx.send({ type: "REJECTED" });
        publishEvent(i, { type: "reject", reason });
      }

      /** Book and announce what the engine did, in order: the ledger first, then the bus. */
      function apply(events: EngineEvent[]): void {
        for (const e of events) {
          const i = orders.get(e.orderId);
          if (!i) continue;
          if (e.type === "ack") {
            setOrderStatus(db, e.orderId, "live", e.at);
            if (i.acked) continue;
            i.acked = true;
            ctx.send({ type: "ORDER" });
            publishEvent(i, { type: "ack", orderId: e.orderId });
          } else if (e.type === "fill") {
            i.filled += e.size;
            // A new engine numbers fills from 1 again: an adopted order's may repeat the last run's ids.
            const fillId = i.adoptedAt === undefined ? e.fillId : `${e.fillId}@${i.adoptedAt}`;
            const tokenId = e.outcome === "Up" ? markets.get(i.marketId)?.open.upTokenId ?? i.tokenId : markets.get(i.marketId)?.open.downTokenId ?? i.tokenId;
            const fill = { feeShares: e.feeShares, feeUsd: e.feeUsd, cashDelta: e.cashDelta, sharesDelta: e.sharesDelta, liquidity: e.liquidity, rebate: e.rebate };
            recordFill(db, { fillId, orderId: e.orderId, agentId: i.agentId, marketId: i.marketId, outcome: e.outcome, side: e.side, price: e.price, size: e.size, ...fill, ts: e.at });
            if (i.filled >= i.size) {
              setOrderStatus(db, e.orderId, "filled", e.at);
              untrack(e.orderId, i.agentId);
            }
            publishEvent(i, { type: "fill", orderId: e.orderId, fillId, marketId: i.marketId, tokenId, outcome: e.outcome, side: e.side, price: e.price, size: e.size, ...fill });
            // Our taking is a public print (the market sees it); a maker fill answered a print already published.
            if (e.liquidity === "taker") ctx.publish(subjects.trade(i.marketId), { marketId: i.marketId, tokenId, price: e.price, size: e.size, side: e.side });
            ctx.send({ type: "FILL" });
          } else if (e.type === "cancel") {
            i.done = true;
            untrack(e.orderId, i.agentId);
            setOrderStatus(db, e.orderId, e.reason === "expired" ? "expired" : i.filled > 0 ? "partial" : "cancelled", e.at, e.reason);
            publishEvent(i, { type: "cancel", orderId: e.orderId, remaining: e.remaining, reason: e.reason });
          } else if (e.type === "reject" && e.request === "submit") {
            i.done = true;
            untrack(e.orderId, i.agentId);
            setOrderStatus(db, e.orderId, "rejected", e.at, e.reason);
            ctx.send({ type: "REJECTED" });
            publishEvent(i, { type: "reject", reason: e.reason });
          }
        }
      }

      function submit(i: Intent): void {
        const now = ctx.clock.now();
        const orderId = `o-${i.intentId}`;
        const m = markets.get(i.marketId);
        // From the stop's beginning nothing new meets the book; what rests there stays, for the next start.
        if (ctx.stopping()) return reject(i, orderId, STOPPING);
        if (ctx.state() !== "open") return reject(i, orderId, "exchange halted");
        if (!m || now >= m.open.endTs) return reject(i, orderId, "market not open for trading");
        if (i.tokenId !== (i.outcome === "Up" ? m.open.upTokenId : m.open.downTokenId)) return reject(i, orderId, "token id does not match outcome");
        if (i.side === "SELL") {
          // As the venue: no selling shares one does not hold (those it already offers included).
          let free = sharesHeld(db, i.agentId, i.marketId, i.outcome);
          for (const [, o] of workingOf(i.agentId)) if (o.marketId === i.marketId && o.outcome === i.outcome && o.side === "SELL") free -= o.size - o.filled;
          if (i.size > free) return reject(i, orderId, `not enough shares: selling ${i.size / 1e6} ${i.outcome} with ${Math.max(0, free) / 1e6} held and not already offered`);
        }
        // The ledger keeps postOnly and a GTD's expiresAt (from `i`), so a restart can re-enter the order as it was.
        const { created } = recordOrder(db, { ...i, orderId, status: "pending", ts: now });
        if (!created) return void ctx.log.warn({ intentId: i.intentId }, "duplicate intent ignored: the order already exists");
        orders.set(orderId, { ...i, filled: 0, acked: false });
        track(orderId, i.agentId);
        apply(m.engine.submit(engineOrder(orderId, i, i.size), now, opts.latencyMs ?? 0));
      }

      /**
       * Re-enter an order the last run left working, for what is left of it, under its own id and at
       * once (no latency: it was placed long ago). Its queue position died with the old engine, so it
       * joins the back of its level. A GTD keeps its expiry (the engine expires it on time), a
       * post-only order stays post-only. What the engine refuses now (a remainder under the minimum
       * size, a price off a new tick, a post-only order the book now crosses) is cancelled instead.
       */
      function adopt(o: Adoptable, engine: MarketEngine): void {
        const now = ctx.clock.now();
        orders.set(o.orderId, { ...o, acked: o.status === "live", adoptedAt: now });
        track(o.orderId, o.agentId);
        const events = engine.submit(engineOrder(o.orderId, o, o.size - o.filled), now, 0);
        const refused = events.find((e) => e.type === "reject" && e.request === "submit" && e.orderId === o.orderId);
        if (refused?.type === "reject") {
          orders.delete(o.orderId); // so `apply` skips the engine's reject: the order is cancelled, not rejected
          untrack(o.orderId, o.agentId);
          restart.cancel(o, `cancelled at restart: ${refused.reason}`);
        } else restart.adopted(o);
        apply(events);
      }

      function closeEngine(marketId: string): void {
        const m = markets.get(marketId);
        if (m) apply(m.engine.close(ctx.clock.now()));
      }

      function onMarket(e: MarketEvent): void {
        const now = ctx.clock.now();
        if (e.phase === "open") {
          const engine = new MarketEngine({ tickSize: e.tickSize, minSize: e.minSize, fee: e.fee, rebateRate: e.fee.rebateRate ?? 0, ...(opts.freshQuotes ? { freshQuotes: true } : {}) });
          markets.set(e.marketId, { open: e, engine });
          recordMarketOpen(db, e);
        } else if (e.phase === "close") {
          restart.marketOver(e.marketId, CLOSED_UNADOPTED);
          closeEngine(e.marketId); // no trading after the close: resting orders are cancelled
          recordMarketClose(db, e.marketId, e.endPrice);
        } else {
          restart.marketOver(e.marketId, CLOSED_UNADOPTED);
          closeEngine(e.marketId);
          markets.delete(e.marketId);
          // A resolved market's orders can have no more events: forget them, so the map holds open markets' only.
          for (const [k, o] of orders) if (o.marketId === e.marketId) {
            orders.delete(k);
            untrack(k, o.agentId);
          }
          settleResolved(db, e, now, ctx.publish);
        }
      }

      return {
        machine: exchangeMachine,
        machineVersion: "exchange@2",
        routes: [
          route(families.market, onMarket),
          route(families.book, (b) => {
            const m = markets.get(b.marketId);
            if (!m) return;
            apply(m.engine.snapshot({ bids: b.bids, asks: b.asks, tickSize: b.tickSize, minSize: b.minSize }, ctx.clock.now()));
            // Orders kept from the last run re-enter on the first book after their market's open: the sim
            // feed re-announces its live windows on its first step after a restart, the paper feed once it
            // can strike the window (if never, the order is cancelled when the market ends), a replay never
            // resumes. After the snapshot, since in an empty view a resting order would be first in line.
            for (const o of restart.take(b.marketId)) adopt(o, m.engine);
          }),
          route(families.trade, (t) => {
            const m = markets.get(t.marketId);
            if (!m || t.src === id) return; // our own prints are already in the engine
            const outcome = t.tokenId === m.open.downTokenId ? "Down" : "Up";
            apply(m.engine.trade({ price: t.price, size: t.size, side: t.side, outcome }, ctx.clock.now()));
          }),
          route(families.decision, fromBoss(ctx, (d) => (d.approved ? submit(d.intent) : undefined))),
          // A trader takes back its own working orders (an order still waiting out its latency goes whole).
          route(families.cancel, (c, subject) => {
            if (!ownCancel(ctx, c, subject)) return;
            for (const [orderId, o] of [...workingOf(c.agentId)]) {
              const market = markets.get(o.marketId);
              if (market && o.filled < o.size && cancels(c, o)) apply(market.engine.cancel(orderId, ctx.clock.now()));
            }
          }),
          // A retired or failed agent takes no new positions: what it still has working is cancelled; its positions settle as they are.
          route(families.life, (m) => {
            if (!ENDING_VERBS.has(m.verb)) return;
            for (const [orderId, o] of [...workingOf(m.agentId)]) {
              const market = markets.get(o.marketId);
              if (market && o.filled < o.size) apply(market.engine.cancel(orderId, ctx.clock.now()));
            }
          }),
          route(families.ctl, fromBoss(ctx, (c) => {
            if (c.verb === "pause") ctx.send({ type: "HALT", reason: c.reason });
            if (c.verb === "resume") ctx.send({ type: "RESUME" });
          }), { pattern: patterns.ctlOf(id) }),
        ],
        // Restored exactly, the engines hold every order they worked in its place: only what the ledger has beyond them is reconciled.
        onStart: () => restart.start((orderId) => orders.has(orderId)),
        save: (): PaperExchangeState => ({ markets: new Map([...markets].map(([k, m]) => [k, { open: m.open, engine: m.engine.save() }])), orders: new Map([...orders].filter(([, o]) => markets.has(o.marketId)).map(([k, o]) => [k, { ...o }])) }),
        restore(state) {
          const st = state as PaperExchangeState;
          for (const [k, m] of st.markets) markets.set(k, { open: m.open, engine: MarketEngine.restore(m.engine) });
          for (const [k, o] of st.orders) {
            orders.set(k, o);
            if (!o.done && o.filled < o.size) track(k, o.agentId);
          }
        },
        onTick(now) {
          restart.tick(now);
          for (const m of markets.values()) apply(m.engine.advance(now));
        },
      };
    },
  };
}

/** The engine's order for `size` of an intent or an adopted order, post-only and expiry included when set. */
function engineOrder(orderId: string, o: OrderTerms, size: number): EngineOrder {
  return { orderId, side: o.side, outcome: o.outcome, price: o.price, size, type: o.type, ...(o.postOnly ? { postOnly: true } : {}), ...(o.expiresAt !== undefined ? { expiresAt: o.expiresAt } : {}) };
}
