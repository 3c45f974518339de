import type { z } from "zod";
import { fits, type PatternTokens } from "./family.ts";
import { families } from "./families.ts";

/** The families by first token (every family pattern starts with a literal): a few to try per subject, not all. */
const byHead = new Map<string, { tokens: PatternTokens; schema: z.ZodType }[]>();
for (const f of Object.values(families)) {
  const head = f.tokens[0]!;
  byHead.set(head, [...(byHead.get(head) ?? []), { tokens: f.tokens, schema: f.schema }]);
}

/** The schema for messages on `subject`, or undefined when the subject is not the floor's. */
export function schemaFor(subject: string): z.ZodType | undefined {
  const t = subject.split(".");
  const candidates = byHead.get(t[0]!);
  if (candidates) for (const c of candidates) if (fits(c.tokens, t)) return c.schema;
  return undefined;
}
