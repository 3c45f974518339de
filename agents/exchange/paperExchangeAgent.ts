import {
  patterns, subjects,
  type BookSnapshot, type Control, type MarketEvent, type MarketOpen, type OrderDecision, type TradePrint,
} from "../../protocols/index.ts";
import {
  recordFill, recordMarketClose, recordMarketOpen, recordMarketResolved, recordOrder, setOrderStatus, settleMarket,
} from "../../state/index.ts";
import { route, type AgentSpec } from "../../floor/host/index.ts";
import { MarketEngine, type EngineEvent } from "./engine/index.ts";
import { exchangeMachine } from "./exchangeMachine.ts";

type Intent = OrderDecision["intent"];

export interface PaperExchangeOptions {
  /** Time between the boss's decision and the order reaching the book (ms of floor time). */
  latencyMs?: number;
}

/**
 * Paper fills from the floor's one matching engine (sim, replay and paper alike): approved
 * orders of every type meet the latest book with price-time priority and partial fills; resting
 * orders keep their queue position behind the book's size and fill from public prints; taker
 * fees as Polymarket charges them, maker rebates accrued. The ledger is written before any fill
 * is announced; resolved markets are settled (winners pay 1).
 */
export function paperExchangeAgent(id = "exchange", opts: PaperExchangeOptions = {}): AgentSpec {
  return {
    id,
    kind: "exchange",
    config: { mode: "paper-matching", latencyMs: opts.latencyMs ?? 0 },
    create(ctx) {
      const markets = new Map<string, { open: MarketOpen; engine: MarketEngine }>();
      const orders = new Map<string, { intent: Intent; filled: number }>();
      const db = ctx.db;
      const publishEvent = (i: Intent, body: Record<string, unknown>) => ctx.publish(subjects.orderEvent(i.agentId), { agentId: i.agentId, intentId: i.intentId, ...body });

      function reject(i: Intent, orderId: string, reason: string): void {
        recordOrder(db, { ...i, orderId, status: "rejected", reason, ts: ctx.clock.now() });
        ctx.send({ type: "REJECTED" });
        publishEvent(i, { type: "reject", reason });
      }

      /** Book and announce what the engine did, in order: the ledger first, then the bus. */
      function apply(events: EngineEvent[]): void {
        for (const e of events) {
          const o = orders.get(e.orderId);
          if (!o) continue;
          const i = o.intent;
          if (e.type === "ack") {
            setOrderStatus(db, e.orderId, "live", e.at);
            ctx.send({ type: "ORDER" });
            publishEvent(i, { type: "ack", orderId: e.orderId });
          } else if (e.type === "fill") {
            o.filled += e.size;
            const tokenId = e.outcome === "Up" ? markets.get(i.marketId)?.open.upTokenId ?? i.tokenId : markets.get(i.marketId)?.open.downTokenId ?? i.tokenId;
            const fill = { feeShares: e.feeShares, feeUsd: e.feeUsd, cashDelta: e.cashDelta, sharesDelta: e.sharesDelta, liquidity: e.liquidity, rebate: e.rebate };
            recordFill(db, { fillId: e.fillId, orderId: e.orderId, agentId: i.agentId, marketId: i.marketId, outcome: e.outcome, side: e.side, price: e.price, size: e.size, ...fill, ts: e.at });
            if (o.filled >= i.size) setOrderStatus(db, e.orderId, "filled", e.at);
            publishEvent(i, { type: "fill", orderId: e.orderId, fillId: e.fillId, marketId: i.marketId, tokenId, outcome: e.outcome, side: e.side, price: e.price, size: e.size, ...fill });
            // Our taking is a public print (the market sees it); a maker fill answered a print already published.
            if (e.liquidity === "taker") ctx.publish(subjects.trade(i.marketId), { marketId: i.marketId, tokenId, price: e.price, size: e.size, side: e.side });
            ctx.send({ type: "FILL" });
          } else if (e.type === "cancel") {
            setOrderStatus(db, e.orderId, e.reason === "expired" ? "expired" : o.filled > 0 ? "partial" : "cancelled", e.at, e.reason);
            publishEvent(i, { type: "cancel", orderId: e.orderId, remaining: e.remaining, reason: e.reason });
          } else if (e.type === "reject" && e.request === "submit") {
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
        if (ctx.state() !== "open") return reject(i, orderId, "exchange halted");
        if (!m || now >= m.open.endTs) return reject(i, orderId, "market not open for trading");
        if (i.tokenId !== (i.outcome === "Up" ? m.open.upTokenId : m.open.downTokenId)) return reject(i, orderId, "token id does not match outcome");
        const { created } = recordOrder(db, { ...i, orderId, status: "pending", ts: now });
        if (!created) return void ctx.log.warn({ intentId: i.intentId }, "duplicate intent ignored: the order already exists");
        orders.set(orderId, { intent: i, filled: 0 });
        const order = { orderId, side: i.side, outcome: i.outcome, price: i.price, size: i.size, type: i.type, ...(i.postOnly ? { postOnly: true } : {}), ...(i.expiresAt !== undefined ? { expiresAt: i.expiresAt } : {}) };
        apply(m.engine.submit(order, now, opts.latencyMs ?? 0));
      }

      function closeEngine(marketId: string): void {
        const m = markets.get(marketId);
        if (m) apply(m.engine.close(ctx.clock.now()));
      }

      function onMarket(e: MarketEvent): void {
        const now = ctx.clock.now();
        if (e.phase === "open") {
          const engine = new MarketEngine({ tickSize: e.tickSize, minSize: e.minSize, fee: e.fee, rebateRate: e.fee.rebateRate ?? 0 });
          markets.set(e.marketId, { open: e, engine });
          recordMarketOpen(db, e);
        } else if (e.phase === "close") {
          closeEngine(e.marketId); // no trading after the close: resting orders are cancelled
          recordMarketClose(db, e.marketId, e.endPrice);
        } else {
          closeEngine(e.marketId);
          markets.delete(e.marketId);
          if (!recordMarketResolved(db, e.marketId, e.outcome, e.derived, now)) return; // already settled
          for (const s of settleMarket(db, e.marketId, e.outcome, now)) {
            ctx.publish(subjects.orderEvent(s.agentId), {
              type: "settle", agentId: s.agentId, intentId: `settle-${e.marketId}`, marketId: e.marketId, winner: s.winner,
              upShares: s.upShares, downShares: s.downShares, payout: s.payout, pnl: s.pnl,
            });
          }
        }
      }

      return {
        machine: exchangeMachine,
        machineVersion: "exchange@2",
        routes: [
          route<MarketEvent>(patterns.market, onMarket),
          route<BookSnapshot>(patterns.book, (b) => {
            const m = markets.get(b.marketId);
            if (m) apply(m.engine.snapshot({ bids: b.bids, asks: b.asks, tickSize: b.tickSize, minSize: b.minSize }, ctx.clock.now()));
          }),
          route<TradePrint>(patterns.trade, (t) => {
            const m = markets.get(t.marketId);
            if (!m || t.src === id) return; // our own prints are already in the engine
            const outcome = t.tokenId === m.open.downTokenId ? "Down" : "Up";
            apply(m.engine.trade({ price: t.price, size: t.size, side: t.side, outcome }, ctx.clock.now()));
          }),
          route<OrderDecision>(patterns.decision, (d) => (d.approved ? submit(d.intent) : undefined)),
          route<Control>(patterns.ctlOf(id), (c) => {
            if (c.verb === "pause") ctx.send({ type: "HALT", reason: c.reason });
            if (c.verb === "resume") ctx.send({ type: "RESUME" });
          }),
        ],
        onTick(now) {
          for (const m of markets.values()) apply(m.engine.advance(now));
        },
      };
    },
  };
}
