import type { Drawdown, EquityPoint, TradeFigures } from "../stats/index.ts";

/** Money is micro-USD (integers, except an interval's bounds); times are floor ms; fractions are 0..1. */
export interface DigestDay {
  date: string;
  /** The day's bounds, [from, to). */
  from: number;
  to: number;
  mode: string | null;
  coverage: Coverage;
  floor: FloorDay;
  /** The floor's realised equity through the day (deposits + realised PnL), and its fall from the day's running peak. */
  equity: EquityPoint[];
  drawdown: EquityPoint[];
  agents: AgentDay[];
  trades: TradeRow[];
  risk: { breakers: BreakerRow[]; refusals: RefusalGroup[] };
  violations: FactList;
  roster: Roster;
  capital: { transfers: TransferRow[]; deposits: Array<{ ts: number; agentId: string; amount: number }> };
  health: Health;
}

export interface Coverage {
  /** The first and last audited fact of the day; null when there was none. */
  firstFact: number | null;
  lastFact: number | null;
  /** The floor's first audited fact ever, when it falls inside this day: the day is partial, the floor began then. */
  bornAt: number | null;
}

export interface FloorDay {
  /** Realised PnL of the windows settled this day, after fees. */
  pnl: number;
  settlements: number;
  /** Market windows settled with a position: the units of the bootstrap. */
  windows: number;
  /** 95% bootstrap interval of the day's PnL, resampling whole windows; null with no window, unbounded with one. */
  ci: { lo: number; hi: number; level: number; resamples: number } | null;
  equityStart: number;
  equityEnd: number;
  fills: number;
  /** Taker fees paid on the day's fills: in USD, and in shares under a shares schedule (micro-shares). */
  fees: number;
  feeShares: number;
  /** Null when the floor had no equity all day (nothing deposited yet). */
  drawdown: Omit<Drawdown, "curve"> | null;
}

export interface AgentDay {
  agentId: string;
  strategy: string | null;
  parentId: string | null;
  bornTs: number;
  diedTs: number | null;
  /** From its settled windows of the day (floor/stats tradeFigures). */
  figures: TradeFigures;
  fills: number;
  fees: number;
  feeShares: number;
  /** Worst fall of its realised equity within the day; null with no settlement or no capital. */
  maxDrawdown: number | null;
  forecasts: ForecastDay;
}

export interface ForecastDay {
  /** Beliefs about the windows resolved this day. */
  n: number;
  brier: number | null;
  /** Those with the market's price beside them: the market's Brier and skill = market − agent on them. */
  paired: number;
  brierMarket: number | null;
  skill: { estimate: number; lo: number; hi: number } | null;
}

export interface TradeRow {
  ts: number;
  agentId: string;
  marketId: string;
  winner: string;
  upShares: number;
  downShares: number;
  cost: number;
  payout: number;
  pnl: number;
}

export interface BreakerRow {
  ts: number;
  action: string;
  breaker: string;
  scope: string;
  mode: string;
  reason: string;
}

/** The boss's refusals of intents, grouped by the reason's leading words (before its first colon). */
export interface RefusalGroup {
  reason: string;
  count: number;
  example: string;
}

/** An audited fact in one line. */
export interface FactRow {
  ts: number;
  kind: string;
  src: string;
  summary: string;
}

/** Facts of one sort: how many, by kind, and the first of them (a long list is cut, the counts are not). */
export interface FactList {
  total: number;
  byKind: Record<string, number>;
  first: FactRow[];
}

export interface LifeRow {
  ts: number;
  agentId: string;
  by: string;
  reason: string;
  parentId: string | null;
}

export interface JudgementRow {
  ts: number;
  agentId: string;
  action: string;
  reason: string;
  numbers: Record<string, number | string | null>;
}

export interface Roster {
  births: LifeRow[];
  deaths: LifeRow[];
  /** The boss's judgements that changed the roster (kill, clone, retire), with the numbers that decided them. */
  judgements: JudgementRow[];
  /** Every judgement of the day, by action (wait and keep included). */
  judged: Record<string, number>;
}

export interface TransferRow {
  ts: number;
  from: string;
  to: string;
  amount: number;
  ref: string;
  reason: string | null;
}

export interface Health {
  restarts: FactList;
  failures: FactList;
  /** Market-data health reports other than `ok`: gaps, stale data, anomalies, reconnects. */
  feed: FactList;
  /** Messages and commands refused as invalid. */
  rejections: FactList;
  /** Every fact of severity `error` (failures and restarts included). */
  errors: FactList;
}
