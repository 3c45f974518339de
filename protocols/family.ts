import type { z } from "zod";

/** A pattern's tokens, `undefined` where it has a `*` (one token, anything). */
export type PatternTokens = readonly (string | undefined)[];

/**
 * A subject family: every subject matching `pattern` carries messages of `schema`, and
 * `subject(...)` builds one of them. Declared once, in families.ts.
 */
export interface Family<S extends z.ZodType = z.ZodType, A extends readonly unknown[] = never> {
  readonly pattern: string;
  readonly tokens: PatternTokens;
  readonly schema: S;
  readonly subject: (...args: A) => string;
}

export function patternTokens(pattern: string): PatternTokens {
  return pattern.split(".").map((t) => (t === "*" ? undefined : t));
}

export function family<S extends z.ZodType, A extends readonly unknown[]>(pattern: string, schema: S, subject: (...args: A) => string): Family<S, A> {
  const tokens = patternTokens(pattern);
  // schemaFor finds families by their first token; `>` would break its token-count match.
  if (tokens[0] === undefined || tokens.includes(">")) throw new TypeError(`family pattern must start with a literal and use no '>': ${pattern}`);
  return { pattern, tokens, schema, subject };
}

/** True when the subject (or pattern) `t`, split into tokens, is inside `pattern`. */
export function fits(pattern: PatternTokens, t: readonly string[]): boolean {
  if (pattern.length !== t.length) return false;
  for (let i = 0; i < t.length; i++) if (pattern[i] !== undefined && pattern[i] !== t[i]) return false;
  return true;
}
