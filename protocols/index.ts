/** The floor's language: subject names, message schemas and the validating codec. */
export { PROTOCOL_VERSION, Envelope } from "./envelope.ts";
export { MICRO, Micro, PriceMicro, microFromDecimal, microFromNumber, toUnits, mulMicro, divMicro, formatMicro } from "./money.ts";
export { subjects, patterns, isSubjectToken, MARKET_PHASES, CTL_VERBS, AGENT_VERBS } from "./subjects.ts";
export type { MarketPhase, CtlVerb, AgentVerb } from "./subjects.ts";
export { TokenId, Outcome, SpotTick, Level, BookSnapshot, TradePrint, FeeSchedule, MarketOpen, MarketClose, MarketResolved, MarketEvent, FeedHealth } from "./messages/md.ts";
export { Side, OrderType, OrderIntent, OrderDecision, OrderAck, OrderFill, OrderCancel, OrderReject, OrderReversal, Settlement, OrderEvent } from "./messages/order.ts";
export type { IntentFields } from "./messages/order.ts";
export { Control, AgentLifecycle, Heartbeat, Metrics, AuditFact } from "./messages/control.ts";
export { schemaFor } from "./schemaFor.ts";
export { decode, encode } from "./codec.ts";
export type { Decoded } from "./codec.ts";
export { FloorConfig, LiveConfig, SimConfig, RiskConfig, AgentId } from "./config.ts";
export { BusConfig } from "./busConfig.ts";
export { BOSS_ID, PUBLISH_RIGHTS, COMMON_RIGHTS, publishRightsOf } from "./publishRights.ts";
export type { PublisherKind } from "./publishRights.ts";
export { VENUE_TICK_SIZES, DashboardSetting, ListenAddress, hostPort, ordered } from "./configChecks.ts";
