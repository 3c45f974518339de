import type { z } from "zod";
import { fastCheck, type FastCheck } from "./fastCheck.ts";
import { fastParse, UNSURE, type FastParse } from "./fastParse.ts";
import { schemaFor } from "./schemaFor.ts";

export type Decoded<T = unknown> = { ok: true; msg: T } | { ok: false; error: string };

interface Known {
  schema: z.ZodType | undefined;
  t: readonly string[];
  /** What may stand for zod when sending on this subject (see sendCheck). */
  fast: FastCheck | undefined;
  /** What may stand for zod's parse of what is received on it: the same output, or UNSURE. */
  parse: FastParse | undefined;
}

/** A subject's schema and tokens, found once: a floor sends and receives on the same few hundred subjects over and over. */
const known = new Map<string, Known>();

function lookup(subject: string): Known {
  let k = known.get(subject);
  if (k === undefined) {
    if (known.size >= 10_000) known.clear(); // many one-off subjects: start over
    const schema = schemaFor(subject);
    const t = subject.split(".");
    k = { schema, t, fast: schema && sendCheck(schema, t), parse: schema && fastParse(schema) };
    known.set(subject, k);
  }
  return k;
}

/** The payload fields subjectMismatch reads for a subject's tokens. */
function subjectFields(t: readonly string[]): string[] {
  if (t[0] === "md" && t[1] === "health") return ["source"];
  if (t[0] === "md" && t[1] === "market") return ["marketId", "phase"];
  if (t[0] === "md" && t[1] !== "spot") return ["marketId"];
  if (t[0] === "order" && t[1] === "intent") return ["agentId"];
  if (t[0] === "ctl" || t[0] === "floor") return ["verb"];
  return [];
}

/**
 * The fast check of a subject's schema, where it may stand for zod's pass: subjectMismatch reads
 * zod's output, which drops the fields a schema does not name, so the message itself may be read in
 * its place only when every option of the schema names each field read (a transform, which could
 * change one, leaves no fast check at all).
 */
function sendCheck(schema: z.ZodType, t: readonly string[]): FastCheck | undefined {
  const fast = fastCheck(schema);
  if (!fast) return undefined;
  const def = (schema as unknown as { _zod: { def: { type: string; shape?: Record<string, unknown>; options?: Array<{ _zod: { def: { shape?: Record<string, unknown> } } }> } } })._zod.def;
  const shapes = def.type === "object" ? [def.shape] : def.type === "union" ? (def.options ?? []).map((o) => o._zod.def.shape) : [undefined];
  const named = subjectFields(t).every((f) => shapes.every((shape) => shape !== undefined && Object.hasOwn(shape, f)));
  return named ? fast : undefined;
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
  const { schema, t, parse } = lookup(subject);
  if (!schema) return { ok: false, error: `unknown subject family: ${subject}` };
  let raw: unknown;
  try {
    raw = JSON.parse(data);
  } catch (e) {
    return { ok: false, error: `malformed JSON: ${(e as Error).message}` };
  }
  const fast = parse?.(raw) ?? UNSURE;
  if (fast !== UNSURE) {
    const mismatch = subjectMismatch(t, fast as Record<string, unknown>);
    return mismatch ? { ok: false, error: mismatch } : { ok: true, msg: fast as T };
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
  const { schema, t, fast } = lookup(subject);
  if (!schema) throw new TypeError(`unknown subject family: ${subject}`);
  if (fast?.(msg)) {
    // zod would accept it: only the subject's own fields are left to agree (as zod's output would, they are the message's)
    const mismatch = subjectMismatch(t, msg as Record<string, unknown>);
    if (mismatch) throw new TypeError(`invalid message for ${subject}: ${mismatch}`);
    return JSON.stringify(msg);
  }
  const parsed = schema.safeParse(msg);
  if (!parsed.success) throw new TypeError(`invalid message for ${subject}: ${parsed.error.message}`);
  const mismatch = subjectMismatch(t, parsed.data as Record<string, unknown>);
  if (mismatch) throw new TypeError(`invalid message for ${subject}: ${mismatch}`);
  return JSON.stringify(msg);
}
