import { ApiError } from "@polymarket/clob-client-v2";
import axios, { type AxiosError } from "axios";
import { netErrorText } from "../../../floor/net/index.ts";
import { classifyError, GeoblockedError, VenueError } from "./errors.ts";

/** The venue's answer text, short: `{"error": ...}` bodies by their error, HTML pages not copied. */
function bodyText(data: unknown): string {
  const raw = typeof data === "object" && data !== null && "error" in data ? (data as { error: unknown }).error : data;
  const text = typeof raw === "string" ? raw : JSON.stringify(raw) ?? "";
  return /<html|<!doctype/i.test(text) ? "HTML error page" : text.slice(0, 200);
}

/**
 * Why getting the API key failed, from the HTTP failures on the CLOB host (the client turns
 * failures into bodies without a key, and so loses the cause): a geoblock first (it halts, as
 * anywhere else), then "L1 auth refused" (a 401 or 403 from the auth endpoint), else the last:
 * the HTTP status with its body, or the network failure (connection refused to HOST:PORT, DNS,
 * timeout, TLS).
 */
export function l1Failure(host: string, errs: readonly unknown[]): VenueError | GeoblockedError {
  const all = errs.filter((e) => axios.isAxiosError(e)).map((e) => describe(host, e));
  const refused = (e: VenueError | GeoblockedError) => e.status === 401 || e.status === 403;
  return all.find((e) => e instanceof GeoblockedError) ?? all.find(refused) ?? all.at(-1)
    ?? new VenueError(`could not create or derive a Polymarket API key at ${host}: the venue answered without a key`, undefined, "other");
}

function describe(host: string, e: AxiosError): VenueError | GeoblockedError {
  const path = (e.config?.url ?? "").replace(host, "") || "/auth";
  const status = e.response?.status;
  const raw = typeof e.response?.data === "string" ? e.response.data : JSON.stringify(e.response?.data ?? "");
  if (status === 403 && classifyError(new ApiError(raw, status)).kind === "geoblocked") return new GeoblockedError(path);
  if (status === 401 || status === 403) return new VenueError(`L1 auth refused: HTTP ${status} from ${path}: ${bodyText(e.response?.data)}`, status, "rejected");
  if (status !== undefined) return new VenueError(`could not create or derive a Polymarket API key: HTTP ${status} from ${host}${path}: ${bodyText(e.response?.data)}`, status, status >= 500 ? "unknown_outcome" : "rejected");
  return new VenueError(`could not reach the CLOB at ${host}: ${netErrorText(e)}`, undefined, "unknown_outcome");
}

/** Keep the failed axios requests to `host` (the ClobClient uses the global instance) until `eject`. */
export function watchFailures(host: string): { readonly all: unknown[]; eject(): void } {
  const all: unknown[] = [];
  const id = axios.interceptors.response.use(undefined, (err: AxiosError) => {
    if (typeof err.config?.url === "string" && err.config.url.startsWith(host)) all.push(err);
    return Promise.reject(err);
  });
  return { all, eject: () => axios.interceptors.response.eject(id) };
}
