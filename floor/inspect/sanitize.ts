/** Field names that hold secrets, compared lowercased without `_`/`-`: the name, or its ending (`apiKey`, `accessToken`, `POLYMARKET_PRIVATE_KEY`). */
const SECRET_NAME = /(key|secret|token|password|passwd|passphrase|credentials?|authorization|cookie|signature|mnemonic|seed?phrase)$/;
export const isSecretName = (name: string): boolean => SECRET_NAME.test(name.toLowerCase().replace(/[_-]/g, ""));

/** Values this short are not treated as secrets (a `0` or `true` in some variable would redact every number). */
const MIN_SECRET = 8;

/** The values of the environment's secret variables (by name: keys, tokens, passwords...), for `sanitize`. */
export function secretValues(env: Readonly<Record<string, string | undefined>>): string[] {
  return Object.entries(env).flatMap(([k, v]) => (v !== undefined && v.length >= MIN_SECRET && (isSecretName(k) || k.startsWith("NATS_PW_")) ? [v] : []));
}

export const REDACTED = "[redacted]";
/** As deep as @statelyai/inspect serialises by default. */
const MAX_DEPTH = 10;

/**
 * A plain copy of `value` that is safe to show: fields named like a secret are dropped, any
 * string containing one of `secrets` is replaced by REDACTED, functions are left out, and cycles
 * and depth past MAX_DEPTH are cut. For what the Stately inspector relays (contexts, events,
 * action parameters) to a browser that may be on another machine.
 */
export function sanitize(value: unknown, secrets: readonly string[], depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === "string") return secrets.some((s) => value.includes(s)) ? REDACTED : value;
  if (typeof value === "bigint") return String(value);
  if (typeof value === "function" || typeof value === "symbol") return undefined;
  if (value === null || typeof value !== "object") return value;
  if (seen.has(value)) return "[circular]";
  if (depth >= MAX_DEPTH) return "[deep]";
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((v) => sanitize(v, secrets, depth + 1, seen));
    if (value instanceof Date) return value.toISOString();
    if (value instanceof Map) return sanitize(Object.fromEntries(value), secrets, depth, seen);
    if (value instanceof Set) return sanitize([...value], secrets, depth, seen);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (isSecretName(k)) continue;
      const s = sanitize(v, secrets, depth + 1, seen);
      if (s !== undefined) out[k] = s;
    }
    return out;
  } finally {
    seen.delete(value);
  }
}
