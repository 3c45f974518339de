import { families } from "../../protocols/index.ts";
import { route, type AgentSpec } from "../../floor/host/index.ts";
import { monitorMachine } from "./monitorMachine.ts";

/** The performance monitor: PnL and record per agent, published as metrics for the boss and the dashboard. */
export function monitorAgent(id = "monitor"): AgentSpec {
  return {
    id,
    kind: "monitor",
    config: {},
    create(ctx) {
      return {
        machine: monitorMachine,
        machineVersion: "monitor@1",
        routes: [route(families.orderEvent, (event) => ctx.send({ type: "ORDER_EVENT", event }))],
      };
    },
  };
}
