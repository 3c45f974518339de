import { z } from "zod";
import { AgentId } from "../config.ts";
import { Envelope } from "../envelope.ts";
import { Micro } from "../money.ts";
import { COMMAND_VERBS, CTL_VERBS, LIFE_VERBS, OPERATOR_VERBS } from "../verbs.ts";

/** boss -> agent. `capital` is set for `allocate`. */
export const Control = Envelope.extend({
  verb: z.enum(CTL_VERBS),
  capital: Micro.nonnegative().optional(),
  reason: z.string().optional(),
});
export type Control = z.infer<typeof Control>;

/** Lifecycle facts about agents (`floor.life.<verb>`): births, deaths, failures, restarts, new configs. */
export const AgentLifecycle = Envelope.extend({
  verb: z.enum(LIFE_VERBS),
  agentId: z.string().min(1),
  kind: z.string().min(1),
  parentId: z.string().optional(),
  reason: z.string().optional(),
  /** Who asked for it (the boss, `config` for a file in config/agents/, `floor` at its start), when someone did. */
  by: z.string().optional(),
  /** On a spawn: the id was retired before and is born again (the boss allocates it afresh). */
  reborn: z.boolean().optional(),
});
export type AgentLifecycle = z.infer<typeof AgentLifecycle>;

/**
 * A command to the supervisor (a bus request on `floor.agent.<verb>`, answered with an
 * AgentCommandReply). `config` is the agent's config file object, checked by the supervisor
 * against its kind; `reason` is why, for the audit log.
 */
export const AgentCommand = Envelope.extend({
  verb: z.enum(COMMAND_VERBS),
  agentId: AgentId,
  config: z.record(z.string(), z.unknown()).optional(),
  /** On a spawn: the agent it descends from (a clone's parent). */
  parentId: AgentId.optional(),
  reason: z.string().trim().min(1, "a command must say why"),
});
export type AgentCommand = z.infer<typeof AgentCommand>;

/**
 * An operator's hold (`floor.operator.<verb>`, from the dashboard): pause or resume one trader
 * (`agentId`) or every trader (no `agentId`). The boss carries it out with its own `ctl` messages;
 * its automatic resumptions never lift a hold. `by` is who asked (the dashboard's remote address).
 */
export const OperatorCommand = Envelope.extend({
  verb: z.enum(OPERATOR_VERBS),
  agentId: AgentId.optional(),
  by: z.string().min(1),
  reason: z.string().trim().min(1, "a command must say why"),
});
export type OperatorCommand = z.infer<typeof OperatorCommand>;

/** The supervisor's answer to an AgentCommand (a reply, not a floor message: no envelope). */
export const AgentCommandReply = z.object({
  ok: z.boolean(),
  verb: z.enum(COMMAND_VERBS),
  agentId: AgentId,
  outcome: z.enum(["spawned", "retired", "reconfigured", "updated", "unchanged", "refused"]),
  error: z.string().optional(),
  state: z.string().optional(),
});
export type AgentCommandReply = z.infer<typeof AgentCommandReply>;

export const Heartbeat = Envelope.extend({
  state: z.string(),
  seq: z.number().int().nonnegative(),
});
export type Heartbeat = z.infer<typeof Heartbeat>;

/** The legs of an order's path the monitor times: market data → intent → decision → the exchange's ack, and end to end. */
export const LATENCY_LEGS = ["tickToIntent", "intentToDecision", "decisionToAck", "tickToDecision", "tickToAck"] as const;
export type LatencyLeg = (typeof LATENCY_LEGS)[number];

/** The agent id of the whole floor's metrics (`metrics.floor`), as the ledger names the floor's own cash. */
export const FLOOR_METRICS_ID = "floor";

const CalibrationBucket = z.object({ lo: z.number(), hi: z.number(), n: z.number().int().nonnegative(), meanP: z.number().nullable(), freqUp: z.number().nullable() });

/** monitor -> boss, dashboard: one agent's running score (agent id `floor`: the whole floor's). */
export const Metrics = Envelope.extend({
  agentId: z.string().min(1),
  fills: z.number().int().nonnegative(),
  settled: z.number().int().nonnegative(),
  wins: z.number().int().nonnegative(),
  losses: z.number().int().nonnegative(),
  realizedPnl: Micro,
  feesUsd: Micro,
  /** Its beliefs scored once their windows resolved: Brier, the market's Brier at the same moments, skill = their difference (positive: it knew more), a 95% interval over windows. */
  forecast: z
    .object({
      n: z.number().int().nonnegative(),
      brier: z.number().nullable(),
      paired: z.number().int().nonnegative(),
      marketBrier: z.number().nullable(),
      skill: z.number().nullable(),
      skillLo: z.number().nullable(),
      skillHi: z.number().nullable(),
      markets: z.number().int().nonnegative(),
      /** Mean −ln of the probability given to what happened (p clamped to [1e-6, 1 − 1e-6]). */
      logLoss: z.number().nullable().optional(),
      /** Reliability buckets of width 0.1 over p (the ones with a belief): the count, mean forecast and frequency of Up in each. */
      calibration: z.array(CalibrationBucket).optional(),
    })
    .optional(),
  // The fields below came with issue 13 (docs/METRICS.md); optional, so an older monitor's message still passes.
  /** Open positions marked at the mid of the latest two-sided book (at cost without one), and realized + unrealized. */
  unrealizedPnl: Micro.optional(),
  pnl: Micro.optional(),
  /** Basis (the agent's first allocation; the floor's deposits) + pnl; null before a basis is known. */
  equity: Micro.nullable().optional(),
  openPositions: z.number().int().nonnegative().optional(),
  /** Notional traded (price × size of every fill, both sides), micro-USD. */
  turnover: Micro.nonnegative().optional(),
  /** Per settled window (tradeFigures): null where there is not enough record. */
  record: z
    .object({
      trades: z.number().int().nonnegative(),
      winRate: z.number().nullable(),
      avgWin: z.number().nullable(),
      avgLoss: z.number().nullable(),
      profitFactor: z.number().nullable(),
      sharpe: z.number().nullable(),
      sortino: z.number().nullable(),
      psr: z.number().nullable(),
    })
    .optional(),
  /** On the equity curve (drawdownOf): worst and current fall from the running peak (fractions), the longest time under water. */
  drawdown: z.object({ max: z.number().nonnegative(), maxAt: z.number().nullable(), current: z.number().nonnegative(), longestMs: z.number().nonnegative() }).optional(),
  /** Floor ms per leg over the last samples (a bounded window); a leg without a sample is absent. */
  latency: z.partialRecord(z.enum(LATENCY_LEGS), z.object({ n: z.number().int().nonnegative(), p50: z.number().nullable(), p99: z.number().nullable() })).optional(),
  /** Floor ms alive (between a spawn or restart and a failure or retirement), and restarts seen. */
  uptimeMs: z.number().nonnegative().optional(),
  restarts: z.number().int().nonnegative().optional(),
});
export type Metrics = z.infer<typeof Metrics>;

/** Every auditable fact; `severity: violation` marks a broken rule, `invalid` a rejected message. */
export const AuditFact = Envelope.extend({
  kind: z.string().min(1),
  severity: z.enum(["info", "violation", "invalid", "error"]),
  subject: z.string().optional(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditFact = z.infer<typeof AuditFact>;
