import { z } from "zod";
import { Envelope } from "../envelope.ts";
import { Micro } from "../money.ts";
import { AGENT_VERBS, CTL_VERBS } from "../subjects.ts";

/** boss -> agent. `capital` is set for `allocate`. */
export const Control = Envelope.extend({
  verb: z.enum(CTL_VERBS),
  capital: Micro.nonnegative().optional(),
  reason: z.string().optional(),
});
export type Control = z.infer<typeof Control>;

/** Lifecycle facts about agents: births, deaths, failures, restarts. */
export const AgentLifecycle = Envelope.extend({
  verb: z.enum(AGENT_VERBS),
  agentId: z.string().min(1),
  kind: z.string().min(1),
  parentId: z.string().optional(),
  reason: z.string().optional(),
});
export type AgentLifecycle = z.infer<typeof AgentLifecycle>;

export const Heartbeat = Envelope.extend({
  state: z.string(),
  seq: z.number().int().nonnegative(),
});
export type Heartbeat = z.infer<typeof Heartbeat>;

/** monitor -> boss, dashboard: one agent's running score. */
export const Metrics = Envelope.extend({
  agentId: z.string().min(1),
  fills: z.number().int().nonnegative(),
  settled: z.number().int().nonnegative(),
  wins: z.number().int().nonnegative(),
  losses: z.number().int().nonnegative(),
  realizedPnl: Micro,
  feesUsd: Micro,
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
