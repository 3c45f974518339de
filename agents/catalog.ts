import type { AgentCatalog } from "../floor/host/index.ts";
import { auditorAgent, digestOptions } from "./auditor/index.ts";
import { bossAgent } from "./boss/index.ts";
import { paperExchangeAgent } from "./exchange/index.ts";
import { orderMachine } from "./exchange/orderMachine.ts";
import { AGENT_KINDS } from "./kinds.ts";
import { monitorAgent } from "./monitor/index.ts";
import { BOSS_ID } from "../protocols/index.ts";
import { liveOptions, liveSource, replaySource, simSource } from "./sources.ts";

/** What the floor makes agents from; entry points install it (floor/host/catalog.ts). */
export const catalog: AgentCatalog = {
  kinds: AGENT_KINDS,
  machines: { order: orderMachine },
  auditor: (floor, digests) => auditorAgent("auditor", floor, { digests: digests && digestOptions(digests) }),
  monitor: () => monitorAgent("monitor"),
  boss: (floor) => bossAgent(BOSS_ID, floor),
  paperExchange: () => paperExchangeAgent("exchange"),
  simSource,
  replaySource,
  paperSource: (live) => liveSource(liveOptions(live)),
  liveSource: async (live, privateKey, log) => (await import("./liveTrading.ts")).liveTradingSource(live, privateKey, log),
};
