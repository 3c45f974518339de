import { families, FLOOR_METRICS_ID } from "../../protocols/index.ts";
import { depositsOf, recordForecast } from "../../state/index.ts";
import { route, type AgentSpec } from "../../floor/host/index.ts";
import type { PendingBelief } from "./forecastScore.ts";
import { Marks } from "./figures/Marks.ts";
import { Publisher } from "./figures/Publisher.ts";
import { Scoreboard, type ScoreboardState } from "./figures/Scoreboard.ts";
import { monitorMachine, type MonitorContext } from "./monitorMachine.ts";

/** What the monitor keeps beyond its actor (docs/RESUME.md); `marks` and `board` since issue 13. */
interface Saved {
  mids: Map<string, number>;
  held: Map<string, PendingBelief[]>;
  marks?: ReturnType<Marks["save"]>;
  board?: ScoreboardState;
}

export interface MonitorOptions {
  /**
   * Listen to `hb.*` (an agent heard from is alive). Off by default: on the in-process bus a
   * heartbeat no one listens to is never built (HostOutbox.beat), and 200 traders send 72,000 an
   * hour; uptime comes from `floor.life.*`. Worth it where heartbeats cross the bus anyway (NATS).
   */
  heartbeats?: boolean;
}

/**
 * The performance monitor: per agent and for the floor (`metrics.floor`), PnL realized and
 * marked, the equity curve and its drawdown, the record of settled windows, forecasts scored
 * against the market's own price at the same moment, turnover and fees, the order path's
 * latencies, uptime and restarts (docs/METRICS.md). Published on `metrics.<agentId>` every few
 * seconds of floor time at most, and at once on a settlement; kept in `agent_metrics` and
 * `equity_points`; every belief in `forecasts`.
 */
export function monitorAgent(id = "monitor", opts: MonitorOptions = {}): AgentSpec {
  return {
    id,
    kind: "monitor",
    config: {},
    create(ctx) {
      const marks = new Marks();
      const board = new Scoreboard((m) => marks.of(m));
      const out = new Publisher(ctx, board);
      let restored = false;
      // Beliefs come by the hundred in one step (every trader speaks with the minute's first book): the
      // machine takes a step's beliefs about a window as one event, at the next step or before its resolution.
      let held = new Map<string, PendingBelief[]>();
      const handOver = (marketId: string) => {
        const beliefs = held.get(marketId);
        if (!beliefs) return;
        held.delete(marketId);
        ctx.send({ type: "BELIEFS", marketId, beliefs });
      };
      const handOverAll = () => {
        for (const marketId of [...held.keys()]) handOver(marketId);
      };
      return {
        machine: monitorMachine,
        machineVersion: "monitor@3",
        save: () => ({ mids: marks.mids, held, marks: marks.save(), board: board.save() }),
        restore(state) {
          // A checkpoint from before the held beliefs saved the mids alone, and one from before issue 13 no board.
          const st: Saved = state instanceof Map ? { mids: state as Map<string, number>, held: new Map() } : (state as Saved);
          marks.restore(st.mids, st.marks);
          held = new Map(st.held);
          if (st.board) board.restore(st.board);
          restored = st.board !== undefined;
        },
        onStart() {
          if (restored) return out.loadRecords();
          out.reload();
          board.floor.life = { since: ctx.clock.now(), upMs: 0, restarts: 0 };
        },
        onTick(now) {
          handOverAll();
          if (board.floor.basis === null) {
            const deposits = depositsOf(ctx.db);
            if (deposits > 0) board.floor.basis = deposits;
          }
          out.tick(now);
        },
        onStop: handOverAll,
        routes: [
          route(families.orderEvent, (event) => {
            ctx.send({ type: "ORDER_EVENT", event });
            board.orderEvent(event);
            if (event.type === "settle") out.now(event.agentId, ctx.clock.now());
          }),
          route(families.intent, (i) => board.intent(i)),
          route(families.decision, (d) => board.decision(d)),
          // O(1) per book: the mid is noted; holdings are marked when figures are taken.
          route(families.book, (b) => marks.book(b)),
          route(families.belief, (m) => {
            const marketP = marks.mid(m.marketId);
            recordForecast(ctx.db, { agentId: m.agentId, marketId: m.marketId, ts: m.ts, pUp: m.pUp, marketP });
            const beliefs = held.get(m.marketId);
            const b = { agentId: m.agentId, pUp: m.pUp, marketP };
            if (beliefs) beliefs.push(b);
            else held.set(m.marketId, [b]);
          }),
          route(families.market, (e) => {
            if (e.phase !== "resolved") return;
            handOver(e.marketId);
            marks.resolved(e.marketId, e.outcome);
            const spoke = ctx.context<MonitorContext>()?.pending?.[e.marketId]?.map((w) => w.agentId) ?? [];
            ctx.send({ type: "RESOLVED", marketId: e.marketId, up: e.outcome === "Up" });
            const now = ctx.clock.now();
            for (const agentId of spoke) out.now(agentId, now);
            if (spoke.length > 0) out.now(FLOOR_METRICS_ID, now);
          }),
          route(families.ctl, (c, subject) => board.allocated(subject.split(".")[1]!, c.capital ?? 0), { pattern: "ctl.*.allocate" }),
          route(families.life, (l) => board.life(l)),
          ...(opts.heartbeats ? [route(families.hb, (h) => board.seen(h.src, h.ts))] : []),
        ],
      };
    },
  };
}
