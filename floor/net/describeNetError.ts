/** The fields Node, undici, ws and axios put on a network error (directly, or on its `cause`). */
interface NetFields {
  code?: unknown;
  name?: unknown;
  message?: unknown;
  address?: unknown;
  port?: unknown;
  hostname?: unknown;
  host?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/** HOST:PORT of the error, or of the error it wraps (axios keeps the address on its `cause`). */
function where(e: NetFields, depth = 0): string {
  if (typeof e.address === "string") return `${e.address}${typeof e.port === "number" ? `:${e.port}` : ""}`;
  if (typeof e.hostname === "string") return e.hostname;
  const inner = typeof e.cause === "object" && e.cause !== null ? e.cause : Array.isArray(e.errors) ? e.errors[0] : undefined;
  return inner && depth < 4 ? where(inner as NetFields, depth + 1) : "the server";
}
const TLS = /^(CERT_|ERR_TLS_|ERR_SSL_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(GET|VERIFY)_)/;

/** What each error code means, in words a user can act on. */
const BY_CODE: Record<string, (e: NetFields) => string> = {
  ECONNREFUSED: (e) => `connection refused to ${where(e)}`,
  ENOTFOUND: (e) => `DNS lookup failed for ${typeof e.hostname === "string" ? e.hostname : where(e)} (no such host)`,
  EAI_AGAIN: (e) => `DNS lookup failed for ${typeof e.hostname === "string" ? e.hostname : where(e)} (temporary failure)`,
  ETIMEDOUT: (e) => `timed out connecting to ${where(e)}`,
  UND_ERR_CONNECT_TIMEOUT: (e) => `timed out connecting to ${where(e)}`,
  ECONNABORTED: () => "timed out waiting for the answer",
  ECONNRESET: (e) => `connection reset by ${where(e)}`,
  EHOSTUNREACH: (e) => `host unreachable: ${where(e)}`,
  ENETUNREACH: (e) => `network unreachable for ${where(e)}`,
  EPIPE: (e) => `connection closed by ${where(e)}`,
};

function describeOne(e: NetFields): string | undefined {
  const code = typeof e.code === "string" ? e.code : undefined;
  if (code && BY_CODE[code]) return BY_CODE[code](e);
  if (code && TLS.test(code)) return `TLS failed: ${typeof e.message === "string" && e.message ? e.message : code}`;
  if (e.name === "TimeoutError") return "timed out";
  return undefined;
}

/**
 * The real cause of a failed connection or request, e.g. "connection refused to 127.0.0.1:4000",
 * looking through `cause` chains and AggregateErrors (undici says only "fetch failed" at the top).
 * Undefined when the error is not a network error the table knows; the caller keeps its message.
 */
export function describeNetError(err: unknown, depth = 0): string | undefined {
  if (typeof err !== "object" || err === null || depth > 4) return undefined;
  const e = err as NetFields;
  const direct = describeOne(e);
  if (direct) return direct;
  const inner = [e.cause, ...(Array.isArray(e.errors) ? e.errors : [])];
  for (const c of inner) {
    const found = describeNetError(c, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** `describeNetError`, else the error's own message. */
export function netErrorText(err: unknown): string {
  return describeNetError(err) ?? (err instanceof Error ? err.message : String(err));
}
