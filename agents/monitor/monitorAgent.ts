import { families } from "../../protocols/index.ts";
import { recordForecast } from "../../state/index.ts";
import { route, type AgentSpec } from "../../floor/host/index.ts";
import type { PendingBelief } from "./forecastScore.ts";
import { monitorMachine } from "./monitorMachine.ts";

/**
 * The performance monitor: PnL and record per agent, and each agent's beliefs scored against the
 * market's own price at the same moment (the mid of the latest two-sided book it saw), published
 * as metrics for the boss and the dashboard; every belief is kept in the `forecasts` table.
 */
export function monitorAgent(id = "monitor"): AgentSpec {
  return {
    id,
    kind: "monitor",
    config: {},
    create(ctx) {
      let mids = new Map<string, number>();
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
        save: () => ({ mids: new Map(mids), held: new Map([...held].map(([k, v]) => [k, v.map((b) => ({ ...b }))])) }),
        restore(state) {
          // A checkpoint from before the held beliefs saved the mids alone.
          const st = state instanceof Map ? { mids: state as Map<string, number>, held: new Map() } : (state as { mids: Map<string, number>; held: Map<string, PendingBelief[]> });
          mids = new Map(st.mids);
          held = new Map(st.held);
        },
        onTick: handOverAll,
        onStop: handOverAll,
        routes: [
          route(families.orderEvent, (event) => ctx.send({ type: "ORDER_EVENT", event })),
          route(families.book, (b) => {
            const bid = b.bids[0]?.price;
            const ask = b.asks[0]?.price;
            // A one-sided book states no price: the last two-sided one stands until the window ends.
            if (bid !== undefined && ask !== undefined) mids.set(b.marketId, (bid + ask) / 2_000_000);
          }),
          route(families.belief, (m) => {
            const marketP = mids.get(m.marketId) ?? null;
            recordForecast(ctx.db, { agentId: m.agentId, marketId: m.marketId, ts: m.ts, pUp: m.pUp, marketP });
            const beliefs = held.get(m.marketId);
            const b = { agentId: m.agentId, pUp: m.pUp, marketP };
            if (beliefs) beliefs.push(b);
            else held.set(m.marketId, [b]);
          }),
          route(families.market, (e) => {
            if (e.phase !== "resolved") return;
            handOver(e.marketId);
            mids.delete(e.marketId);
            ctx.send({ type: "RESOLVED", marketId: e.marketId, up: e.outcome === "Up" });
          }),
        ],
      };
    },
  };
}
