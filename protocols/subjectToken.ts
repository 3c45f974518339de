/** Ids become subject tokens, so they are restricted to NATS-safe characters. */
const TOKEN = /^[A-Za-z0-9_-]{1,128}$/;

/** `value` as one subject token; a bad id is a programming error, so this throws. */
export function token(kind: string, value: string): string {
  if (!TOKEN.test(value)) throw new TypeError(`invalid ${kind} for a subject token: ${JSON.stringify(value)}`);
  return value;
}

/** True when `value` may be used as one subject token (an agent id, market id, verb). */
export function isSubjectToken(value: string): boolean {
  return TOKEN.test(value);
}
