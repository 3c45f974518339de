import { AUDITOR_ID, families, type RiskConfig } from "../../protocols/index.ts";
import { listOpenOrders, writeRiskStatus } from "../../state/index.ts";
import { route, type AgentContext, type Route } from "../../floor/host/index.ts";
import type { BossContext } from "./bossMachine.ts";
import { riskMoves, type RiskEvent } from "./breakers/index.ts";
import { Commitments, type Commitment } from "./Commitments.ts";
import { exposureOf } from "./exposureOf.ts";
import { Freshness, type FreshnessState } from "./Freshness.ts";
import { MarketFacts, type MarketFact } from "./MarketFacts.ts";
import { riskEventOf } from "./riskEventOf.ts";
import { riskStatusOf } from "./riskStatusOf.ts";
import { SpotMoves } from "./SpotMoves.ts";

interface Saved {
  fresh: FreshnessState;
  moves: ReturnType<SpotMoves["save"]>;
  commitments: Map<string, Commitment>;
  markets: Map<string, MarketFact>;
}

/**
 * The boss's risk side, beside its actor: it feeds every intent to the gate with the exposure it
 * needs, and every fact that moves the risk book to the breakers (settlements, the exchange's
 * answers, spot moves, floor time, traders born and gone), and writes the floor's trading state
 * for `floor status` whenever a breaker moves. What it keeps in memory (the data's age, spot
 * moves, approved buys still working, market facts) is saved for an exact sim resume.
 */
export function bossRisk(ctx: AgentContext, floor: { capital: number; risk: RiskConfig }) {
  const fresh = new Freshness(floor.risk.maxDataAgeSec * 1000);
  const moves = new SpotMoves(floor.risk.spotMoveWindowMin * 60_000);
  const working = new Commitments();
  const markets = new MarketFacts(ctx.db);
  let restored = false;
  const book = () => ctx.context<BossContext>()!.book;
  const writeStatus = () => writeRiskStatus(ctx.db, riskStatusOf(book()));

  function risk(event: RiskEvent): void {
    const { book: before, risk: limits } = ctx.context<BossContext>()!;
    // The actor's guard refuses what moves nothing (a step's tick, mostly): such an event is not sent at all.
    const moves = riskMoves(before, event, limits);
    if (moves) ctx.send({ type: "RISK", event });
    const after = moves ? book() : before;
    if (event.type === "settled" || after.floorTrips !== before.floorTrips || after.agentTrips !== before.agentTrips) writeStatus();
  }

  const routes: Route[] = [
    route(families.intent, (i) => {
      const { v: _v, id: _id, ts: _ts, src: _src, ...intent } = i;
      const now = ctx.clock.now();
      const m = markets.of(i.marketId);
      const exposure = exposureOf(ctx.db, i, floor.capital, fresh.at(now, i.marketId), m, working.of(i.agentId, i.marketId, m.symbol));
      ctx.send({ type: "INTENT", intent, exposure, now });
      const last = ctx.context<BossContext>()?.last;
      if (i.side === "BUY" && last?.intentId === i.intentId && last.size > 0) working.approved(i.intentId, { agentId: i.agentId, marketId: i.marketId, symbol: m.symbol, price: i.price, remaining: last.size, fee: m.fee });
    }),
    route(families.orderEvent, (e) => {
      const now = ctx.clock.now();
      const r = riskEventOf(e, now, (agentId) => agentId in book().streaks);
      if (r) risk(r);
      if (e.type === "fill" && e.side === "BUY") working.filled(e.intentId, e.size);
      if (e.type === "cancel" || e.type === "reject") working.done(e.intentId);
    }),
    route(families.cancel, () => ctx.send({ type: "CANCEL_SEEN", now: ctx.clock.now() })),
    // Live only: the venue's rate tier for the signer, as the exchange read it.
    route(families.venue, (r) => ctx.send({ type: "VENUE_TIER", tier: r.tier, source: r.source, now: ctx.clock.now() })),
    // The auditor's halts: no automatic resumption of the boss's may lift one.
    route(families.ctl, (c, subject) => {
      if (c.src === AUDITOR_ID) ctx.send({ type: "AUDITOR_HALT", agentId: subject.split(".")[1]! });
    }, { pattern: "ctl.*.halt" }),
    // The operator's holds, from the dashboard: carried out by the boss alone, with its own ctl messages.
    route(families.operator, (c) => ctx.send({ type: "OPERATOR", verb: c.verb, ...(c.agentId !== undefined ? { agentId: c.agentId } : {}), reason: c.reason, by: c.by })),
    // The boss watches the data's age itself: a feed that dies silently sends no health event.
    route(families.spot, (t) => {
      fresh.spot(t.ts);
      const move = moves.push(t.symbol, t.price, t.ts);
      if (move > floor.risk.spotMovePct) risk({ type: "spotMove", symbol: t.symbol, move, now: ctx.clock.now() });
    }),
    route(families.book, (b) => {
      fresh.book(b.marketId, b.ts);
      markets.book(b.marketId, b.minSize);
    }),
    route(families.market, (e) => {
      if (e.phase === "open") markets.open(e);
      if (e.phase === "resolved") {
        fresh.forget(e.marketId);
        markets.forget(e.marketId);
        working.marketOver(e.marketId);
      }
    }),
    route(families.health, (h) => fresh.cadence(h.expectedIntervalMs)),
  ];

  return {
    routes,
    born(agentId: string): void {
      ctx.send({ type: "REBORN", agentId });
      risk({ type: "born", agentId, now: ctx.clock.now() });
    },
    gone: (agentId: string) => risk({ type: "gone", agentId, now: ctx.clock.now() }),
    tick: (now: number) => risk({ type: "tick", now }),
    /** After a restart that was not an exact resume, the buys still working are the ledger's open orders. */
    start(): void {
      if (!restored) {
        for (const o of listOpenOrders(ctx.db)) {
          if (o.side !== "BUY") continue;
          const m = markets.of(o.marketId);
          working.approved(o.intentId, { agentId: o.agentId, marketId: o.marketId, symbol: m.symbol, price: o.price, remaining: o.size - o.filled, fee: m.fee });
        }
      }
      writeStatus();
    },
    save: (): Saved => ({ fresh: fresh.save(), moves: moves.save(), commitments: working.save(), markets: markets.save() }),
    restore(state: unknown): void {
      const s = state as Saved;
      fresh.load(s.fresh);
      moves.load(s.moves);
      working.load(s.commitments);
      markets.load(s.markets);
      restored = true;
    },
  };
}
