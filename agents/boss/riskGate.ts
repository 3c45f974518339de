import { mulMicro, type FeeSchedule, type IntentFields, type RiskConfig } from "../../protocols/index.ts";
import { takerFee } from "../../floor/pricing/index.ts";

/** What the ledger says about the agent and the floor when an intent arrives (micro-units). */
export interface Exposure {
  floorCapital: number;
  /** Capital allocated to the agent; 0 means it has none. */
  allocated: number;
  agentCash: number;
  agentOpenCost: number;
  floorOpenCost: number;
  /** How old the newest spot tick and the intent's market book are (ms of floor time), and the limit. */
  spotAgeMs: number;
  bookAgeMs: number;
  dataLimitMs: number;
  /** The intent's market's fee schedule, when known: a pUSD fee is part of what a buy costs. */
  fee?: FeeSchedule | undefined;
}

export type Verdict = { approved: true } | { approved: false; reason: string };

/** Display only: cents are enough in a reason string. */
const usd = (m: number) => `$${(m / 1e6).toFixed(2)}`;
const secs = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : "never seen");

/**
 * What a buy can cost: price × size, plus its taker fee when the schedule takes it in pUSD (an
 * order may take liquidity, so the fee is counted even if it ends up resting). A fee in shares
 * costs no cash.
 */
export function buyCost(price: number, size: number, fee: FeeSchedule | undefined): number {
  return mulMicro(price, size) + (fee ? takerFee("BUY", size, price, fee).feeUsd : 0);
}

/**
 * The boss's pre-trade gate for one intent. No new position on stale market data; buys must
 * fit the per-trade cap, the agent's cash, the per-agent deployment cap and the floor's
 * open-position cap, their pUSD fee included; sells only reduce exposure and pass.
 */
export function riskGate(i: Pick<IntentFields, "side" | "price" | "size">, x: Exposure, risk: RiskConfig): Verdict {
  if (x.allocated <= 0) return { approved: false, reason: "agent has no capital allocated" };
  if (i.side === "SELL") return { approved: true };
  const age = Math.max(x.spotAgeMs, x.bookAgeMs);
  if (age > x.dataLimitMs)
    return { approved: false, reason: `stale market data: ${x.bookAgeMs >= x.spotAgeMs ? "book" : "spot"} ${secs(age)} old (limit ${secs(x.dataLimitMs)})` };
  const cost = buyCost(i.price, i.size, x.fee);
  const perTrade = Math.floor(x.floorCapital * risk.perTradeMaxPct);
  if (cost > perTrade) return { approved: false, reason: `order cost ${usd(cost)} exceeds the per-trade cap ${usd(perTrade)}` };
  if (cost > x.agentCash) return { approved: false, reason: `order cost ${usd(cost)} exceeds the agent's cash ${usd(x.agentCash)}` };
  const perAgent = Math.floor(x.floorCapital * risk.perAgentMaxPct);
  if (x.agentOpenCost + cost > perAgent) return { approved: false, reason: `agent would have ${usd(x.agentOpenCost + cost)} deployed, over its cap ${usd(perAgent)}` };
  const floorCap = Math.floor(x.floorCapital * risk.floorMaxOpenPct);
  if (x.floorOpenCost + cost > floorCap) return { approved: false, reason: `floor would have ${usd(x.floorOpenCost + cost)} in open positions, over its cap ${usd(floorCap)}` };
  return { approved: true };
}
