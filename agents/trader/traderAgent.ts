import { AUDITOR_ID, families, MICRO, patterns, subjects, type Control } from "../../protocols/index.ts";
import { fromBoss, route, type AgentSpec } from "../../floor/host/index.ts";
import { beliefCadence } from "./beliefCadence.ts";
import { bookTop } from "./bookTop.ts";
import { SpotTape, strategyCore, type Action, type StrategyDef } from "./core/index.ts";
import { STRATEGIES } from "./strategies/index.ts";
import { strategyOf, type TraderConfig } from "./traderConfig.ts";
import { nextIntentId, traderMachine, type TraderContext } from "./traderMachine.ts";

const CTL_EVENTS = { pause: "PAUSE", resume: "RESUME", reduce: "REDUCE", halt: "HALT", retire: "RETIRE" } as const;

/**
 * A trader: the host feeds market data straight into its strategy (the hot path: no machine
 * event per tick); the machine hears only about orders, fills, settlements and control, and
 * emits the intents and cancels the strategy's core asks for. Its strategy is looked up in
 * `strategies`: the floor's table, unless a test brings its own (traderKindOf).
 */
export function traderAgent(cfg: TraderConfig, parentId?: string, strategies: readonly StrategyDef[] = STRATEGIES): AgentSpec {
  return {
    id: cfg.id,
    kind: "trader",
    ...(parentId ? { parentId } : {}),
    config: cfg,
    create(ctx) {
      // The strategy reads its own copy of the parameters, so an in-place update is an assignment.
      const def = strategyOf(cfg.strategy, strategies);
      const params = def.params.parse(cfg.params);
      const strategy = strategyCore(def.name, def.create(params), params);
      const beliefs = beliefCadence();
      let symbol: string | undefined;
      let warmed = false;
      // The book being handled, for the intents it leads to (the monitor's latency); none outside a book's handler.
      let tickId: string | undefined;
      let tickTs = 0;
      const context = () => ctx.context<TraderContext>();
      // Every trader of a symbol in this process reads one spot tape of it (SpotTape.ts).
      const useTapeOf = (s: string) => strategy.useTape(ctx.shared(`spot.${s}`, () => new SpotTape()));

      function say(marketId: string | undefined): void {
        const now = ctx.clock.now();
        if (!beliefs.due(marketId, now)) return;
        const b = strategy.belief(now);
        if (b && beliefs.said(b, now)) ctx.publish(subjects.belief(cfg.id), { agentId: cfg.id, marketId: b.marketId, pUp: b.pUp });
      }

      function act(actions: readonly Action[]): void {
        for (const a of actions) {
          if (a.type === "cancel") {
            ctx.send({ type: "CANCEL", marketId: a.marketId, ...(a.intentId ? { intentId: a.intentId } : {}), reason: a.reason });
            continue;
          }
          const before = context();
          if (!before) return;
          const intentId = nextIntentId(before, a.order.marketId);
          ctx.send({ type: "ORDER", order: a.order, ...(a.perWindow !== undefined ? { perWindow: a.perWindow } : {}), ...(tickId !== undefined ? { tick: { id: tickId, ts: tickTs } } : {}) });
          // The machine counts what it sent: an order it held back (its mode, the entry limit) is not working.
          if ((context()?.entries ?? 0) > before.entries) strategy.placed(intentId, a.order);
        }
      }

      function decide(): void {
        const state = ctx.state();
        if (state !== "trading" && state !== "reducing") return;
        const c = context();
        if (!c) return;
        act(strategy.decide(ctx.clock.now(), { cash: c.cash, capital: c.capital, mode: state }));
      }

      /** Control comes from the boss; a halt may also come from the auditor (it can never lift one). */
      function control(c: Control): void {
        if (c.verb === "allocate") ctx.send({ type: "ALLOCATE", capital: c.capital ?? 0 });
        else ctx.send({ type: CTL_EVENTS[c.verb], ...(c.reason ? { reason: c.reason } : {}) });
      }
      const fromBossOnly = fromBoss(ctx, control);

      return {
        machine: traderMachine,
        machineVersion: "trader@2",
        input: { agentId: cfg.id },
        update(next) {
          Object.assign(params, def.params.parse((next as TraderConfig).params));
        },
        onStop: () => strategy.leave(),
        save: () => ({ symbol, beliefs: beliefs.save(), strategy: strategy.save() }),
        restore(state) {
          const st = state as { symbol?: string; beliefs: unknown; strategy: unknown };
          symbol = st.symbol;
          if (symbol !== undefined) useTapeOf(symbol);
          beliefs.restore(st.beliefs);
          strategy.restore(st.strategy);
        },
        routes: [
          route(families.spot, (t) => {
            if (symbol === undefined) useTapeOf((symbol = t.symbol));
            if (t.symbol !== symbol) return;
            strategy.onSpot(t.price / MICRO, t.ts, t.volume, t.id);
            say(undefined);
            // Once: a trader left unfunded stays in warmingUp, and a WARM on every tick was nearly all its actor's events.
            // Warm never goes back, so once it is, no tick asks the actor again.
            if (warmed) return;
            if (context()?.warm) warmed = true;
            else if (ctx.state() === "warmingUp" && strategy.ready()) ctx.send({ type: "WARM" });
          }),
          // It follows the latest window of its own symbol: another symbol's strike means nothing against its spot.
          route(families.market, (e) => {
            if (e.phase === "open") {
              if (symbol !== undefined && e.symbol !== symbol) return;
              strategy.onMarket({ ...e, strike: e.strike / MICRO });
              beliefs.follow(e.marketId, e.startTs);
            } else if (e.phase === "close") {
              if (!beliefs.follows(e.marketId)) return; // another series' window: its own trades on
              strategy.onMarket(null);
              beliefs.follow(undefined, 0);
            } else strategy.onResolved(e.marketId, e.outcome);
          }),
          route(families.book, (b) => {
            // Another series' book says nothing new of its window, and deciding on it would act on its
            // window's book of the step before: a FAK at an ask the makers have since moved, killed.
            if (!beliefs.follows(b.marketId)) return;
            strategy.onBook(b.marketId, bookTop(b), b.tokenId);
            beliefs.booked(b.marketId);
            say(b.marketId);
            tickId = b.id;
            tickTs = b.ts;
            decide();
            tickId = undefined;
          }),
          route(families.trade, (t) => strategy.onTrade(t.marketId, t.tokenId, t.price, t.size, t.side, t.ts, t.src)),
          route(families.ctl, (c, subject) => (c.verb === "halt" && c.src === AUDITOR_ID ? control(c) : fromBossOnly(c, subject)), { pattern: patterns.ctlOf(cfg.id) }),
          route(families.decision, fromBoss(ctx, (d) => {
            // Approved smaller than asked: the working order is the size the boss approved.
            if (d.approved && d.requestedSize !== undefined) strategy.onOrder({ type: "resized", intentId: d.intent.intentId, size: d.intent.size });
            if (d.approved) return;
            strategy.onOrder({ type: "done", intentId: d.intent.intentId });
            ctx.send({ type: "REJECTED", reason: d.reason ?? "rejected" });
          }), { pattern: subjects.decision(cfg.id) }),
          route(families.orderEvent, (e) => {
            if (e.type === "fill") {
              ctx.send({ type: "FILLED", cashDelta: e.cashDelta });
              strategy.onOrder({ type: "fill", intentId: e.intentId, marketId: e.marketId, outcome: e.outcome, size: e.size, sharesDelta: e.sharesDelta });
              decide(); // a quoting strategy refreshes on its fills
            } else if (e.type === "reversal") {
              ctx.send({ type: "FILLED", cashDelta: e.cashDelta });
              strategy.onOrder({ type: "fill", intentId: e.intentId, marketId: e.marketId, outcome: e.outcome, size: 0, sharesDelta: e.sharesDelta });
            } else if (e.type === "settle") {
              ctx.send({ type: "SETTLED", payout: e.payout, pnl: e.pnl, marketId: e.marketId });
              strategy.onOrder({ type: "settle", marketId: e.marketId });
            } else if (e.type === "reject") {
              strategy.onOrder({ type: "done", intentId: e.intentId });
              ctx.send({ type: "REJECTED", reason: e.reason });
            } else if (e.type === "cancel") strategy.onOrder({ type: "done", intentId: e.intentId });
          }, { pattern: subjects.orderEvent(cfg.id) }),
        ],
      };
    },
  };
}
