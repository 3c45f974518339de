import { paperExchangeAgent } from "../../agents/exchange/index.ts";
import { AgentHost } from "../../floor/host/index.ts";
import type { AuditFact, Control, OrderDecision } from "../../protocols/index.ts";
import { bossHarness } from "../helpers/bossHarness.ts";

export const M = 1_000_000;
const UP = "1".repeat(77);
const DOWN = "2".repeat(77);
const WINDOW_MS = 900_000;

/**
 * The real boss and the paper exchange on the local bus, with the test playing the feed and the
 * traders: a 15-minute window opens with a book quoting Up at 0.49/0.51, the traders' FAK buys of
 * Up fill at 0.51 with the venue's crypto fee, and the window resolves as the test says.
 */
export function riskFloor(t0: number, traders: readonly string[]) {
  const h = bossHarness("risk-floor", t0);
  const { db, bus, clock, decisions, send } = h;
  const exchange = new AgentHost(paperExchangeAgent("exchange"), h.opts);
  const breakers: AuditFact[] = [];
  const ctl: Array<Pick<Control, "verb" | "reason"> & { agentId: string }> = [];
  bus.subscribe("audit.breaker", (m) => void breakers.push(JSON.parse(m.data) as AuditFact));
  bus.subscribe("ctl.*.*", (m) => {
    const c = JSON.parse(m.data) as Control;
    if (c.verb !== "allocate") ctl.push({ agentId: m.subject.split(".")[1]!, verb: c.verb, ...(c.reason ? { reason: c.reason } : {}) });
  });

  let windows = 0;
  const f = {
    db, clock, decisions, breakers, ctl, send,
    async start(): Promise<void> {
      exchange.start();
      await h.start(...traders);
    },
    restartBoss: h.restartBoss,
    /** Floor time moves on to `ts`: the boss's clock hook runs, as the runner's step would. */
    async at(ts: number): Promise<void> {
      clock.advanceTo(ts);
      h.boss.tick(ts);
      exchange.tick(ts);
      await bus.idle();
    },
    /** The feed opens a window now, with a spot tick and a book quoting Up at 0.49/0.51: its market id. */
    open(): string {
      const marketId = `btc-updown-15m-${++windows}`;
      const ts = clock.now();
      send(`md.market.${marketId}.open`, {
        phase: "open", marketId, slug: marketId, symbol: "BTCUSD", upTokenId: UP, downTokenId: DOWN, startTs: ts, endTs: ts + WINDOW_MS,
        strike: 95_000 * M, fee: { rate: 0.07, exponent: 1, takerOnly: true }, tickSize: 10_000, minSize: 5 * M,
      });
      f.quote(marketId);
      return marketId;
    },
    /** A fresh spot tick and book of the market. */
    quote(marketId: string): void {
      send("md.spot.BTCUSD", { symbol: "BTCUSD", price: 95_000 * M });
      send(`md.book.${marketId}`, { marketId, tokenId: UP, bids: [{ price: 490_000, size: 10_000 * M }], asks: [{ price: 510_000, size: 10_000 * M }], tickSize: 10_000, minSize: 5 * M });
    },
    /** A trader's FAK buy of Up at 0.51. */
    buy(agentId: string, marketId: string, shares: number, intentId = `${agentId}-${marketId}`): void {
      send(`order.intent.${agentId}`, { intentId, agentId, marketId, tokenId: UP, outcome: "Up", side: "BUY", type: "FAK", price: 510_000, size: shares * M, belief: 0.6 }, agentId);
    },
    /** A window opening at `ts`: each of `buyers` asks for `shares` of Up at 0.51; it resolves `outcome` 15 minutes later. Returns its decisions. */
    async window(ts: number, buyers: readonly string[], outcome: "Up" | "Down", shares = 370): Promise<OrderDecision[]> {
      await f.at(ts);
      const marketId = f.open();
      const first = decisions.length;
      for (const agentId of buyers) f.buy(agentId, marketId, shares);
      await bus.idle();
      const made = decisions.slice(first);
      await f.at(ts + WINDOW_MS);
      send(`md.market.${marketId}.resolved`, { phase: "resolved", marketId, outcome, derived: false });
      await bus.idle();
      return made;
    },
    stop: () => h.stop(exchange),
  };
  return f;
}
