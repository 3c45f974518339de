import axios, { type AxiosError } from "axios";
import { netErrorText } from "../../../floor/net/index.ts";
import { VenueError } from "./errors.ts";

/** The venue's answer text, short: `{"error": ...}` bodies by their error, HTML pages not copied. */
function bodyText(data: unknown): string {
  const raw = typeof data === "object" && data !== null && "error" in data ? (data as { error: unknown }).error : data;
  const text = typeof raw === "string" ? raw : JSON.stringify(raw) ?? "";
  return /<html|<!doctype/i.test(text) ? "HTML error page" : text.slice(0, 200);
}

/**
 * Why getting the API key failed, from the last HTTP failure on the CLOB host (the client turns
 * failures into bodies without a key, and so loses the cause): "L1 auth refused" only when the
 * auth endpoint answered 401 or 403; otherwise the HTTP status with its body, or the network
 * failure (connection refused to HOST:PORT, DNS, timeout, TLS).
 */
export function l1Failure(host: string, err: unknown): VenueError {
  if (!axios.isAxiosError(err)) return new VenueError(`could not create or derive a Polymarket API key at ${host}: the venue answered without a key`, undefined, "other");
  const e = err as AxiosError;
  const path = (e.config?.url ?? "").replace(host, "") || "/auth";
  const status = e.response?.status;
  if (status === 401 || status === 403) return new VenueError(`L1 auth refused: HTTP ${status} from ${path}: ${bodyText(e.response?.data)}`, status, "rejected");
  if (status !== undefined) return new VenueError(`could not create or derive a Polymarket API key: HTTP ${status} from ${host}${path}: ${bodyText(e.response?.data)}`, status, status >= 500 ? "unknown_outcome" : "rejected");
  return new VenueError(`could not reach the CLOB at ${host}: ${netErrorText(e)}`, undefined, "unknown_outcome");
}

/** Keep the last failed axios request to `host` (the ClobClient uses the global instance) until `eject`. */
export function watchFailures(host: string): { last: () => unknown; eject(): void } {
  let last: unknown;
  const id = axios.interceptors.response.use(undefined, (err: AxiosError) => {
    if (typeof err.config?.url === "string" && err.config.url.startsWith(host)) last = err;
    return Promise.reject(err);
  });
  return { last: () => last, eject: () => axios.interceptors.response.eject(id) };
}
