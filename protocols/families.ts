import { AgentCommand, AgentLifecycle, AuditFact, Control, Heartbeat, Metrics, OperatorCommand } from "./messages/control.ts";
import { BookSnapshot, FeedHealth, MarketEvent, SpotTick, TradePrint } from "./messages/md.ts";
import { CancelRequest, OrderDecision, OrderEvent, OrderIntent } from "./messages/order.ts";
import { Belief } from "./messages/belief.ts";
import { VenueTierReport } from "./messages/venue.ts";
import { JournalBatch } from "./messages/journal.ts";
import { ClockAck, ClockStep, RoleSignal } from "./messages/clock.ts";
import { family } from "./family.ts";
import { token } from "./subjectToken.ts";
import type { CommandVerb, CtlVerb, LifeVerb, MarketPhase, OperatorVerb } from "./verbs.ts";

/**
 * The floor's subject families (DESIGN.md "Subjects"), each once: its wildcard pattern, its
 * schema, and how to build one subject. subjects, patterns, schemaFor and `route` derive from this.
 */
export const families = {
  spot: family("md.spot.*", SpotTick, (symbol: string) => `md.spot.${token("symbol", symbol)}`),
  book: family("md.book.*", BookSnapshot, (marketId: string) => `md.book.${token("marketId", marketId)}`),
  trade: family("md.trade.*", TradePrint, (marketId: string) => `md.trade.${token("marketId", marketId)}`),
  market: family("md.market.*.*", MarketEvent, (marketId: string, phase: MarketPhase) => `md.market.${token("marketId", marketId)}.${phase}`),
  health: family("md.health.*", FeedHealth, (source: string) => `md.health.${token("source", source)}`),
  intent: family("order.intent.*", OrderIntent, (agentId: string) => `order.intent.${token("agentId", agentId)}`),
  decision: family("order.decision.*", OrderDecision, (agentId: string) => `order.decision.${token("agentId", agentId)}`),
  cancel: family("order.cancel.*", CancelRequest, (agentId: string) => `order.cancel.${token("agentId", agentId)}`),
  orderEvent: family("order.event.*", OrderEvent, (agentId: string) => `order.event.${token("agentId", agentId)}`),
  venue: family("order.venue.*", VenueTierReport, (exchangeId: string) => `order.venue.${token("exchangeId", exchangeId)}`),
  belief: family("belief.*", Belief, (agentId: string) => `belief.${token("agentId", agentId)}`),
  ctl: family("ctl.*.*", Control, (agentId: string, verb: CtlVerb) => `ctl.${token("agentId", agentId)}.${verb}`),
  life: family("floor.life.*", AgentLifecycle, (verb: LifeVerb) => `floor.life.${verb}`),
  agentCommand: family("floor.agent.*", AgentCommand, (verb: CommandVerb) => `floor.agent.${verb}`),
  operator: family("floor.operator.*", OperatorCommand, (verb: OperatorVerb) => `floor.operator.${verb}`),
  hb: family("hb.*", Heartbeat, (agentId: string) => `hb.${token("agentId", agentId)}`),
  metrics: family("metrics.*", Metrics, (agentId: string) => `metrics.${token("agentId", agentId)}`),
  audit: family("audit.*", AuditFact, (kind: string) => `audit.${token("kind", kind)}`),
  clockStep: family("floor.clock.step", ClockStep, () => "floor.clock.step"),
  clockAck: family("floor.clock.ack.*", ClockAck, (role: string) => `floor.clock.ack.${token("role", role)}`),
  clockBooted: family("floor.clock.booted.*", RoleSignal, (role: string) => `floor.clock.booted.${token("role", role)}`),
  clockWaiting: family("floor.clock.waiting.*", RoleSignal, (role: string) => `floor.clock.waiting.${token("role", role)}`),
  journal: family("state.*", JournalBatch, (role: string) => `state.${token("role", role)}`),
} as const;

export type Families = typeof families;
