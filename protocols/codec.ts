import type { z } from "zod";
import { schemaFor } from "./schemaFor.ts";

export type Decoded<T = unknown> = { ok: true; msg: T } | { ok: false; error: string };

/** A subject's schema and tokens, found once: a floor sends and receives on the same few hundred subjects over and over. */
const known = new Map<string, { schema: z.ZodType | undefined; t: readonly string[] }>();

function lookup(subject: string): { schema: z.ZodType | undefined; t: readonly string[] } {
  let k = known.get(subject);
  if (k === undefined) {
    if (known.size >= 10_000) known.clear(); // many one-off subjects: start over
    k = { schema: schemaFor(subject), t: subject.split(".") };
    known.set(subject, k);
  }
  return k;
}

/** Messages whose payload names where they belong must agree with their subject (`t`, its tokens). */
function subjectMismatch(t: readonly string[], msg: Record<string, unknown>): string | undefined {
  if (t[0] === "md" && t[1] !== "spot" && t[1] !== "health" && msg.marketId !== t[2]) return `marketId ${String(msg.marketId)} does not match subject`;
  if (t[0] === "md" && t[1] === "market" && msg.phase !== t[3]) return `phase ${String(msg.phase)} does not match subject`;
  if (t[0] === "md" && t[1] === "health" && msg.source !== t[2]) return `source ${String(msg.source)} does not match subject`;
  if (t[0] === "order" && t[1] === "intent" && msg.agentId !== t[2]) return "agentId does not match subject";
  if (t[0] === "ctl" && msg.verb !== t[2]) return `verb ${String(msg.verb)} does not match subject`;
  if (t[0] === "floor" && msg.verb !== t[2]) return `verb ${String(msg.verb)} does not match subject`;
  return undefined;
}

/**
 * Parse and validate a message received on `subject`. Never throws: a bad message
 * comes back as `{ ok: false, error }` for the caller to count and audit.
 */
export function decode<T = unknown>(subject: string, data: string): Decoded<T> {
  const { schema, t } = lookup(subject);
  if (!schema) return { ok: false, error: `unknown subject family: ${subject}` };
  let raw: unknown;
  try {
    raw = JSON.parse(data);
  } catch (e) {
    return { ok: false, error: `malformed JSON: ${(e as Error).message}` };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}` };
  }
  const mismatch = subjectMismatch(t, parsed.data as Record<string, unknown>);
  return mismatch ? { ok: false, error: mismatch } : { ok: true, msg: parsed.data as T };
}

/** Validate and serialise a message for `subject`; throws, because sending a bad message is our bug. */
export function encode(subject: string, msg: unknown): string {
  const { schema, t } = lookup(subject);
  if (!schema) throw new TypeError(`unknown subject family: ${subject}`);
  const parsed = schema.safeParse(msg);
  if (!parsed.success) throw new TypeError(`invalid message for ${subject}: ${parsed.error.message}`);
  const mismatch = subjectMismatch(t, parsed.data as Record<string, unknown>);
  if (mismatch) throw new TypeError(`invalid message for ${subject}: ${mismatch}`);
  return JSON.stringify(msg);
}
