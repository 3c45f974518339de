/**
 * Who may publish what: the one source of truth for the host's in-process check
 * (floor/host/publishAllowed.ts) and for the NATS server's permissions (config/nats/, generated
 * from this by `npm run nats-config`). Patterns are relative to the bus prefix; `{id}` stands for
 * the publishing agent's own id.
 */

/** The boss's agent id: only messages from it may decide orders or control agents. */
export const BOSS_ID = "boss";
/** The auditor's agent id: besides the boss, only it may halt a trader (never lift a halt). */
export const AUDITOR_ID = "auditor";

/** The agent kinds of the floor (agents/kinds.ts has an entry for each). */
export type PublisherKind = "feed" | "exchange" | "trader" | "boss" | "auditor" | "monitor";

/** What every agent's host publishes for it: heartbeats, lifecycle facts, audit facts (invalid input, errors, violations). */
export const COMMON_RIGHTS = ["hb.{id}", "floor.life.*", "audit.*"] as const;

export const PUBLISH_RIGHTS: Record<PublisherKind, readonly string[]> = {
  // Market data comes from the feed only.
  feed: ["md.>"],
  // The paper exchange prints its own taker fills as market trades; the live one reports the venue's rate tier.
  exchange: ["order.event.*", "md.trade.*", "order.venue.{id}"],
  // Only the boss decides orders, controls agents and commands the supervisor (spawn, retire, reconfigure).
  boss: ["order.decision.*", "ctl.>", "floor.agent.*"],
  // A trader asks for orders, takes back its own working ones, and states its beliefs, in its own name only.
  trader: ["order.intent.{id}", "order.cancel.{id}", "belief.{id}"],
  // The auditor halts an agent it finds breaking a rule; only the boss lifts a halt.
  auditor: ["ctl.*.halt"],
  monitor: ["metrics.*"],
};

/**
 * What the floor's process publishes beside its agents: the dashboard's operator holds
 * (`floor.operator.*`), which only the boss carries out (as its own `ctl` messages).
 */
export const FLOOR_PROCESS_RIGHTS = ["floor.operator.*"] as const;

/** The subject patterns agent `id` of `kind` may publish on (prefix not included). */
export function publishRightsOf(kind: PublisherKind, id: string): string[] {
  return [...PUBLISH_RIGHTS[kind], ...COMMON_RIGHTS].map((p) => p.replaceAll("{id}", id));
}

/**
 * What a role's process publishes beside its agents when the floor runs one role per process
 * (`floor start --role`): its state journal, its clock acknowledgements and its turn at the first
 * start; the feed's process
 * also leads the sim's clock. (docs/ROLES.md)
 */
export function roleProcessRights(role: string): string[] {
  return [`state.${role}`, ...["ack", "booted", "waiting"].map((v) => `floor.clock.${v}.${role}`), ...(role === "feed" ? ["floor.clock.step"] : [])];
}
