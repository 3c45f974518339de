import { families, type Families } from "./families.ts";
import { token } from "./subjectToken.ts";

type Builders = { readonly [K in keyof Families]: Families[K]["subject"] };
type Patterns = { readonly [K in keyof Families]: string };

const entries = Object.entries(families) as [keyof Families, Families[keyof Families]][];

/** Subject builders by family (a view of families.ts): `subjects.spot("BTCUSD")`. */
export const subjects = Object.fromEntries(entries.map(([k, f]) => [k, f.subject])) as Builders;

/** Wildcard patterns for subscribing to a whole family (a view of families.ts), and one narrower one. */
export const patterns = {
  ...(Object.fromEntries(entries.map(([k, f]) => [k, f.pattern])) as Patterns),
  /** Every control message to one agent: `ctl.<agentId>.*`. */
  ctlOf: (agentId: string) => `ctl.${token("agentId", agentId)}.*`,
} as const;
