/** The closed sets of last subject tokens (and `verb`/`phase` fields) of the floor's families. */
export const MARKET_PHASES = ["open", "close", "resolved"] as const;
export type MarketPhase = (typeof MARKET_PHASES)[number];
/** boss -> agent: `ctl.<agentId>.<verb>`. `halt` stops a trader until the boss itself resumes it. */
export const CTL_VERBS = ["allocate", "pause", "resume", "reduce", "halt", "retire"] as const;
export type CtlVerb = (typeof CTL_VERBS)[number];
/** Lifecycle facts every host publishes about its agent: `floor.life.<verb>`. */
export const LIFE_VERBS = ["spawn", "clone", "retired", "failed", "restarted", "reconfigured"] as const;
export type LifeVerb = (typeof LIFE_VERBS)[number];
/** The facts that end an agent's trading: the exchange cancels what it has working, the boss takes its cash back, then each payout. */
export const ENDING_VERBS: ReadonlySet<LifeVerb> = new Set<LifeVerb>(["retired", "failed"]);
/** Commands to the supervisor (bus requests with a reply): `floor.agent.<verb>`. */
export const COMMAND_VERBS = ["spawn", "retire", "reconfigure"] as const;
export type CommandVerb = (typeof COMMAND_VERBS)[number];
/** The operator's holds, from the dashboard (`floor.operator.<verb>`): the boss alone carries them out. */
export const OPERATOR_VERBS = ["pause", "resume"] as const;
export type OperatorVerb = (typeof OPERATOR_VERBS)[number];
