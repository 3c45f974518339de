import type { RiskConfig } from "../../../protocols/index.ts";
import type { Exposure } from "./Exposure.ts";
import { usd } from "./format.ts";

/** A cap on what a buy may cost: its limit, what already counts against it, and the reason when a total would pass it. */
export interface Cap {
  readonly name: string;
  limit(x: Exposure, risk: RiskConfig): number;
  used(x: Exposure): number;
  say(total: number, limit: number, x: Exposure): string;
}

const ofCapital = (x: Exposure, pct: number) => Math.floor(x.floorCapital * pct);

/** Every cap a buy must fit, in the order a tie names one; a buy over any is resized to fit them all (riskGate.ts). */
export const CAPS: readonly Cap[] = [
  { name: "perTrade", limit: (x, r) => ofCapital(x, r.perTradeMaxPct), used: () => 0, say: (t, l) => `order cost ${usd(t)} exceeds the per-trade cap ${usd(l)}` },
  { name: "agentCash", limit: (x) => x.agentCash, used: () => 0, say: (t, l) => `order cost ${usd(t)} exceeds the agent's cash ${usd(l)}` },
  { name: "perAgent", limit: (x, r) => ofCapital(x, r.perAgentMaxPct), used: (x) => x.agentOpenCost, say: (t, l) => `agent would have ${usd(t)} deployed, over its cap ${usd(l)}` },
  { name: "floorOpen", limit: (x, r) => ofCapital(x, r.floorMaxOpenPct), used: (x) => x.floorOpenCost, say: (t, l) => `floor would have ${usd(t)} in open positions, over its cap ${usd(l)}` },
  { name: "perMarket", limit: (x, r) => ofCapital(x, r.perMarketMaxPct), used: (x) => x.marketOpenCost, say: (t, l) => `market would have ${usd(t)} open (Up and Down together), over its cap ${usd(l)}` },
  {
    name: "perUnderlying", limit: (x, r) => ofCapital(x, r.perUnderlyingMaxPct), used: (x) => x.underlyingOpenCost,
    say: (t, l, x) => `${x.symbol} windows would have ${usd(t)} open together, over their cap ${usd(l)}`,
  },
];
