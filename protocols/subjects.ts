/**
 * Subject names of the floor (see DESIGN.md "Subjects"). Ids become subject tokens,
 * so they are restricted to NATS-safe characters; a bad id is a programming error.
 */
const TOKEN = /^[A-Za-z0-9_-]{1,128}$/;

function token(kind: string, value: string): string {
  if (!TOKEN.test(value)) throw new TypeError(`invalid ${kind} for a subject token: ${JSON.stringify(value)}`);
  return value;
}

/** True when `value` may be used as one subject token (an agent id, market id, verb). */
export function isSubjectToken(value: string): boolean {
  return TOKEN.test(value);
}

export const MARKET_PHASES = ["open", "close", "resolved"] as const;
export type MarketPhase = (typeof MARKET_PHASES)[number];
export const CTL_VERBS = ["allocate", "pause", "resume", "reduce", "retire"] as const;
export type CtlVerb = (typeof CTL_VERBS)[number];
export const AGENT_VERBS = ["spawn", "clone", "retired", "failed", "restarted"] as const;
export type AgentVerb = (typeof AGENT_VERBS)[number];

export const subjects = {
  spot: (symbol: string) => `md.spot.${token("symbol", symbol)}`,
  book: (marketId: string) => `md.book.${token("marketId", marketId)}`,
  trade: (marketId: string) => `md.trade.${token("marketId", marketId)}`,
  market: (marketId: string, phase: MarketPhase) => `md.market.${token("marketId", marketId)}.${phase}`,
  health: (source: string) => `md.health.${token("source", source)}`,
  intent: (agentId: string) => `order.intent.${token("agentId", agentId)}`,
  decision: (agentId: string) => `order.decision.${token("agentId", agentId)}`,
  orderEvent: (agentId: string) => `order.event.${token("agentId", agentId)}`,
  ctl: (agentId: string, verb: CtlVerb) => `ctl.${token("agentId", agentId)}.${verb}`,
  floorAgent: (verb: AgentVerb) => `floor.agent.${verb}`,
  hb: (agentId: string) => `hb.${token("agentId", agentId)}`,
  metrics: (agentId: string) => `metrics.${token("agentId", agentId)}`,
  audit: (kind: string) => `audit.${token("kind", kind)}`,
} as const;

/** Wildcard patterns for subscribing to a whole family. */
export const patterns = {
  spot: "md.spot.*",
  book: "md.book.*",
  trade: "md.trade.*",
  market: "md.market.*.*",
  health: "md.health.*",
  intent: "order.intent.*",
  decision: "order.decision.*",
  orderEvent: "order.event.*",
  ctlOf: (agentId: string) => `ctl.${token("agentId", agentId)}.*`,
  floorAgent: "floor.agent.*",
  hb: "hb.*",
  metrics: "metrics.*",
  audit: "audit.*",
} as const;
