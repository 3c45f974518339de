import type { AnyStateMachine } from "xstate";
import { auditorMachine } from "../../agents/auditor/auditorMachine.ts";
import { bossMachine } from "../../agents/boss/bossMachine.ts";
import { exchangeMachine } from "../../agents/exchange/exchangeMachine.ts";
import { orderMachine } from "../../agents/exchange/orderMachine.ts";
import { feedMachine } from "../../agents/feed/feedMachine.ts";
import { monitorMachine } from "../../agents/monitor/monitorMachine.ts";
import { traderMachine } from "../../agents/trader/traderMachine.ts";
import type { AgentKind } from "../host/index.ts";

/** Every agent kind's machine, for `floor machines --export`. */
export const AGENT_MACHINES: Record<AgentKind, AnyStateMachine> = {
  feed: feedMachine,
  exchange: exchangeMachine,
  trader: traderMachine,
  boss: bossMachine,
  auditor: auditorMachine,
  monitor: monitorMachine,
};

/** Everything `floor machines --export` writes: the agents' machines and each order's life. */
export const EXPORTED_MACHINES: Record<string, AnyStateMachine> = { ...AGENT_MACHINES, order: orderMachine };
