import {
  patterns, subjects,
  type BookSnapshot, type Control, type MarketEvent, type MarketOpen, type OrderDecision,
} from "../../protocols/index.ts";
import {
  recordFill, recordMarketClose, recordMarketOpen, recordMarketResolved, recordOrder, setOrderStatus, settleMarket,
} from "../../state/index.ts";
import { route, type AgentSpec } from "../../floor/host/index.ts";
import { bookFill } from "./bookFill.ts";
import { checkOrder } from "./checkOrder.ts";
import { exchangeMachine } from "./exchangeMachine.ts";
import { matchOrder, type UpBook } from "./matchOrder.ts";

type Intent = OrderDecision["intent"];

/**
 * Paper fills against the latest book: approved orders are matched as takers (FAK: fill what
 * the book offers within the limit, cancel the rest), charged Polymarket's fee, and booked in
 * the ledger before any fill is announced. Resolved markets are settled: winners pay 1.
 */
export function paperExchangeAgent(id = "exchange"): AgentSpec {
  return {
    id,
    kind: "exchange",
    config: { mode: "paper-matching" },
    create(ctx) {
      const markets = new Map<string, MarketOpen>();
      const books = new Map<string, UpBook>();
      const db = ctx.db;

      function reject(i: Intent, orderId: string, reason: string): void {
        recordOrder(db, { ...i, orderId, status: "rejected", reason, ts: ctx.clock.now() });
        ctx.send({ type: "REJECTED" });
        ctx.publish(subjects.orderEvent(i.agentId), { type: "reject", agentId: i.agentId, intentId: i.intentId, reason });
      }

      function execute(i: Intent): void {
        const now = ctx.clock.now();
        const orderId = `o-${i.intentId}`;
        const m = markets.get(i.marketId);
        const book = books.get(i.marketId);
        if (ctx.state() !== "open") return reject(i, orderId, "exchange halted");
        if (!m || now >= m.endTs) return reject(i, orderId, "market not open for trading");
        if (!book) return reject(i, orderId, "no orderbook exists for the requested token id");
        if (i.tokenId !== (i.outcome === "Up" ? m.upTokenId : m.downTokenId)) return reject(i, orderId, "token id does not match outcome");
        const bad = checkOrder(i, m);
        if (bad) return reject(i, orderId, bad);
        const { created } = recordOrder(db, { ...i, orderId, status: "live", ts: now });
        if (!created) {
          ctx.log.warn({ intentId: i.intentId }, "duplicate intent ignored: the order already exists");
          return;
        }
        ctx.publish(subjects.orderEvent(i.agentId), { type: "ack", agentId: i.agentId, intentId: i.intentId, orderId });
        const r = matchOrder(book, i);
        books.set(i.marketId, r.book);
        r.matches.forEach((x, n) => {
          const f = bookFill(i.side, x.price, x.size, m.fee);
          const fillId = `${orderId}-f${n + 1}`;
          recordFill(db, { fillId, orderId, agentId: i.agentId, marketId: i.marketId, outcome: i.outcome, side: i.side, price: x.price, size: x.size, ...f, ts: now });
          ctx.publish(subjects.orderEvent(i.agentId), {
            type: "fill", agentId: i.agentId, intentId: i.intentId, orderId, fillId, marketId: i.marketId, tokenId: i.tokenId,
            outcome: i.outcome, side: i.side, price: x.price, size: x.size, ...f,
          });
          ctx.publish(subjects.trade(i.marketId), { marketId: i.marketId, tokenId: i.tokenId, price: x.price, size: x.size, side: i.side });
        });
        const filled = r.matches.length > 0;
        if (r.remaining > 0) {
          setOrderStatus(db, orderId, filled ? "partial" : "cancelled", now, "FAK remainder cancelled");
          ctx.publish(subjects.orderEvent(i.agentId), { type: "cancel", agentId: i.agentId, intentId: i.intentId, orderId, remaining: r.remaining, reason: "FAK remainder cancelled" });
        } else {
          setOrderStatus(db, orderId, "filled", now);
        }
        ctx.send({ type: "ORDER", filled });
      }

      function onMarket(e: MarketEvent): void {
        const now = ctx.clock.now();
        if (e.phase === "open") {
          markets.set(e.marketId, e);
          recordMarketOpen(db, e);
        } else if (e.phase === "close") {
          recordMarketClose(db, e.marketId, e.endPrice);
        } else {
          if (!recordMarketResolved(db, e.marketId, e.outcome, e.derived, now)) return; // already settled
          for (const s of settleMarket(db, e.marketId, e.outcome, now)) {
            ctx.publish(subjects.orderEvent(s.agentId), {
              type: "settle", agentId: s.agentId, intentId: `settle-${e.marketId}`, marketId: e.marketId, winner: s.winner,
              upShares: s.upShares, downShares: s.downShares, payout: s.payout, pnl: s.pnl,
            });
          }
          markets.delete(e.marketId);
          books.delete(e.marketId);
        }
      }

      return {
        machine: exchangeMachine,
        machineVersion: "exchange@1",
        routes: [
          route<MarketEvent>(patterns.market, onMarket),
          route<BookSnapshot>(patterns.book, (b) => void books.set(b.marketId, { bids: b.bids, asks: b.asks })),
          route<OrderDecision>(patterns.decision, (d) => (d.approved ? execute(d.intent) : undefined)),
          route<Control>(patterns.ctlOf(id), (c) => {
            if (c.verb === "pause") ctx.send({ type: "HALT", reason: c.reason });
            if (c.verb === "resume") ctx.send({ type: "RESUME" });
          }),
        ],
      };
    },
  };
}
