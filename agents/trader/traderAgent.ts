import { families, MICRO, patterns, subjects } from "../../protocols/index.ts";
import { fromBoss, route, type AgentSpec } from "../../floor/host/index.ts";
import { strategyOf, type TraderConfig } from "./traderConfig.ts";
import { traderMachine, type TraderContext } from "./traderMachine.ts";

const CTL_EVENTS = { pause: "PAUSE", resume: "RESUME", reduce: "REDUCE", retire: "RETIRE" } as const;

/**
 * A trader: the host feeds market data straight into its strategy (the hot path); the
 * machine only hears about signals, orders and control, and emits intents to the boss.
 */
export function traderAgent(cfg: TraderConfig, parentId?: string): AgentSpec {
  return {
    id: cfg.id,
    kind: "trader",
    ...(parentId ? { parentId } : {}),
    config: cfg,
    create(ctx) {
      // The strategy reads its own copy of the parameters, so an in-place update is an assignment.
      const def = strategyOf(cfg.strategy);
      const params = def.params.parse(cfg.params);
      const strategy = def.create(params);
      let symbol: string | undefined;
      /** The window minute of the last belief published (`marketId:minute`): one a minute is enough to score. */
      let said: string | undefined;
      const cash = () => ctx.context<TraderContext>()?.cash ?? 0;

      /** The last market a book came for: while it has books, beliefs go out with them, to be scored against them. */
      let booked: string | undefined;
      /** The window the strategy follows (the latest opened, as the strategy has it). */
      let following: { marketId: string; startTs: number } | undefined;

      /**
       * Once each minute of the window, the strategy's belief goes out: with the minute's first book,
       * so the monitor pairs it with the price of that moment, or with spot for a window that has no
       * book at all (a replay without recorded prices: scored against the outcome only).
       */
      function sayBelief(marketId: string | undefined): void {
        if (!following || !strategy.belief) return;
        if (marketId !== undefined ? following.marketId !== marketId : following.marketId === booked) return;
        const now = ctx.clock.now();
        // Decided before the belief is computed: this runs on every tick, a belief once a minute.
        const key = `${following.marketId}:${Math.floor((now - following.startTs) / 60_000)}`;
        if (key === said) return;
        const b = strategy.belief(now);
        if (!b || b.marketId !== following.marketId) return;
        said = key;
        ctx.publish(subjects.belief(cfg.id), { agentId: cfg.id, marketId: b.marketId, pUp: b.pUp });
      }

      return {
        machine: traderMachine,
        machineVersion: "trader@1",
        input: { agentId: cfg.id },
        update(next) {
          Object.assign(params, def.params.parse((next as TraderConfig).params));
        },
        save: () => ({ symbol, said, booked, following, strategy: strategy.save() }),
        restore(state) {
          const st = state as { symbol?: string; said?: string; booked?: string; following?: { marketId: string; startTs: number }; strategy: unknown };
          symbol = st.symbol;
          said = st.said;
          booked = st.booked;
          following = st.following;
          strategy.restore(st.strategy);
        },
        routes: [
          route(families.spot, (t) => {
            symbol ??= t.symbol;
            if (t.symbol !== symbol) return;
            strategy.onSpot(t.price / MICRO, t.ts);
            sayBelief(undefined);
            if (strategy.ready() && ctx.state() === "warmingUp") ctx.send({ type: "WARM" });
          }),
          route(families.market, (e) => {
            if (e.phase === "open") strategy.onMarket({ ...e, strike: e.strike / MICRO });
            else if (e.phase === "close") strategy.onMarket(null);
            if (e.phase === "open") following = { marketId: e.marketId, startTs: e.startTs };
            else if (e.phase === "close") following = undefined;
          }),
          route(families.book, (b) => {
            strategy.onBook(b.marketId, b.bids[0]?.price, b.asks[0]?.price);
            booked = b.marketId;
            sayBelief(b.marketId);
            if (ctx.state() !== "trading") return;
            const signal = strategy.decide(ctx.clock.now(), cash());
            if (signal) ctx.send({ type: "SIGNAL", signal });
          }),
          route(families.ctl, fromBoss(ctx, (c) => {
            if (c.verb === "allocate") ctx.send({ type: "ALLOCATE", capital: c.capital ?? 0 });
            else ctx.send({ type: CTL_EVENTS[c.verb], reason: c.reason });
          }), { pattern: patterns.ctlOf(cfg.id) }),
          route(families.decision, fromBoss(ctx, (d) => {
            if (!d.approved) ctx.send({ type: "REJECTED", reason: d.reason ?? "rejected" });
          }), { pattern: subjects.decision(cfg.id) }),
          route(families.orderEvent, (e) => {
            if (e.type === "fill" || e.type === "reversal") ctx.send({ type: "FILLED", cashDelta: e.cashDelta });
            else if (e.type === "settle") ctx.send({ type: "SETTLED", payout: e.payout, pnl: e.pnl, marketId: e.marketId });
            else if (e.type === "reject") ctx.send({ type: "REJECTED", reason: e.reason });
          }, { pattern: subjects.orderEvent(cfg.id) }),
        ],
      };
    },
  };
}
