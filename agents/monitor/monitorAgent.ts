import { families } from "../../protocols/index.ts";
import { recordForecast } from "../../state/index.ts";
import { route, type AgentSpec } from "../../floor/host/index.ts";
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
      return {
        machine: monitorMachine,
        machineVersion: "monitor@3",
        save: () => new Map(mids),
        restore(state) {
          mids = new Map(state as Map<string, number>);
        },
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
            ctx.send({ type: "BELIEF", marketId: m.marketId, belief: { agentId: m.agentId, pUp: m.pUp, marketP } });
          }),
          route(families.market, (e) => {
            if (e.phase !== "resolved") return;
            mids.delete(e.marketId);
            ctx.send({ type: "RESOLVED", marketId: e.marketId, up: e.outcome === "Up" });
          }),
        ],
      };
    },
  };
}
