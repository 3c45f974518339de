/** Typed errors and venue-error classification for the live executor. */
import { ApiError } from "@polymarket/clob-client-v2";

/** The venue refused us by jurisdiction (Cloudflare 403 HTML or a JSON region error). Trading must halt. */
export class GeoblockedError extends Error {
  readonly status = 403;
  constructor(readonly endpoint: string) {
    super(
      `Polymarket geoblocked this request (HTTP 403 on ${endpoint}): orders from this IP/jurisdiction are refused. ` +
        "Live trading is halted; do not retry from this location.",
    );
    this.name = "GeoblockedError";
  }
}

/** A venue answer we could not turn into a result (retries exhausted, unexpected body). */
export class VenueError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly kind: VenueErrorKind,
  ) {
    super(message);
    this.name = "VenueError";
  }
}

export type VenueErrorKind =
  | "not_ready" // 425 matching engine restarting
  | "rate_limited" // 429
  | "geoblocked" // 403 geoblock
  | "unknown_outcome" // timeout / network / 5xx: the request may or may not have been applied
  | "rejected" // 4xx the venue refused (bad signature, invalid key, bad order ...)
  | "other";

export interface ClassifiedError {
  kind: VenueErrorKind;
  status: number | undefined;
  /** Short, secret-free message (HTML bodies are not copied). */
  message: string;
}

const TRANSPORT_RE = /timeout|ECONNABORTED|ECONNRESET|ECONNREFUSED|socket hang up|network error|aborted|EPIPE|ETIMEDOUT/i;
const GEO_RE = /<html|geoblock|restricted|region|blocked|cloudflare/i;

function errorText(e: unknown): string {
  if (e instanceof ApiError) {
    const data = e.data as { error?: unknown } | undefined;
    const raw = data && typeof data === "object" && "error" in data ? data.error : e.message;
    return typeof raw === "string" ? raw : JSON.stringify(raw);
  }
  if (e instanceof Error) return e.message;
  return String(e);
}

export function classifyError(e: unknown): ClassifiedError {
  const status = e instanceof ApiError ? (typeof e.status === "number" ? e.status : undefined) : undefined;
  const text = errorText(e);
  const short = /<html|<!doctype/i.test(text) ? "HTML error page" : text.slice(0, 300);
  if (status === 425) return { kind: "not_ready", status, message: short };
  if (status === 429) return { kind: "rate_limited", status, message: short };
  if (status === 403 && GEO_RE.test(text)) return { kind: "geoblocked", status, message: short };
  if (status === undefined && e instanceof ApiError && TRANSPORT_RE.test(text)) return { kind: "unknown_outcome", status, message: short };
  if (status === undefined && !(e instanceof ApiError) && TRANSPORT_RE.test(text)) return { kind: "unknown_outcome", status, message: short };
  if (status !== undefined && status >= 500) return { kind: "unknown_outcome", status, message: short };
  if (status !== undefined && status >= 400) return { kind: "rejected", status, message: short };
  return { kind: "other", status, message: short };
}
