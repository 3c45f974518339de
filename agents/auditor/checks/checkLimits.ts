import type { RiskConfig } from "../../../protocols/index.ts";
import type { Broken } from "./Broken.ts";

/** Open cost per scope (micro-units): filled positions, or approved buys still working. */
export interface Scopes {
  agent: number;
  floor: number;
  market: number;
  underlying: number;
}

/** What the ledger and the approvals still working say when a decision is checked. */
export interface LimitFigures {
  floorCapital: number;
  /** Capital allocated to the agent (net of any returned). */
  allocated: number;
  /** The agent's cash in the ledger. */
  cash: number;
  open: Scopes;
  working: Scopes;
}

type Limit = { rule: string; allowed: (f: LimitFigures, r: RiskConfig) => number; used: (f: LimitFigures) => number; what: string };

const share = (f: LimitFigures, pct: number) => Math.floor(f.floorCapital * pct);

/** Every cap an approved buy must fit, in the order a break is named (riskConfig.ts says what each means). */
const LIMITS: readonly Limit[] = [
  { rule: "limit.perTrade", allowed: (f, r) => share(f, r.perTradeMaxPct), used: () => 0, what: "order cost" },
  { rule: "limit.agentCash", allowed: (f) => f.cash - f.working.agent, used: () => 0, what: "order cost against the agent's free cash" },
  { rule: "limit.perAgent", allowed: (f, r) => share(f, r.perAgentMaxPct), used: (f) => f.open.agent + f.working.agent, what: "agent deployed" },
  { rule: "limit.floorOpen", allowed: (f, r) => share(f, r.floorMaxOpenPct), used: (f) => f.open.floor + f.working.floor, what: "floor open" },
  { rule: "limit.perMarket", allowed: (f, r) => share(f, r.perMarketMaxPct), used: (f) => f.open.market + f.working.market, what: "market open" },
  { rule: "limit.perUnderlying", allowed: (f, r) => share(f, r.perUnderlyingMaxPct), used: (f) => f.open.underlying + f.working.underlying, what: "underlying open" },
];

/**
 * Whether an approved order kept the floor's limits: the agent had capital allocated, and a buy's
 * cost (pUSD fee included) fits every cap on top of what is already open and working. Sells only
 * take exposure off, so only the capital rule applies to them. The first limit broken, or undefined.
 */
export function checkLimits(side: "BUY" | "SELL", cost: number, f: LimitFigures, risk: RiskConfig): Broken | undefined {
  if (f.allocated <= 0) return { rule: "limit.capital", allowed: "capital allocated", actual: f.allocated, reason: `approved with ${f.allocated} allocated to the agent` };
  if (side === "SELL") return undefined;
  for (const l of LIMITS) {
    const allowed = l.allowed(f, risk);
    const actual = l.used(f) + cost;
    if (actual > allowed) return { rule: l.rule, allowed, actual, reason: `${l.what} ${actual} over the limit ${allowed}` };
  }
  return undefined;
}
