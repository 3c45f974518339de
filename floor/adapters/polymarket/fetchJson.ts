import { netErrorText } from "../../net/index.ts";
import { backoffDelay, retryAfterMs } from "./backoff.ts";

export interface FetchJsonOptions {
  /** Attempts in all (first try included). */
  attempts?: number;
  minDelayMs?: number;
  maxDelayMs?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

/** An HTTP failure that retrying will not fix (or that outlived its retries), with what was asked. */
export class HttpError extends Error {
  constructor(readonly url: string, readonly status: number | undefined, message: string) {
    super(message);
    this.name = "HttpError";
  }
}

const RETRYABLE = (status: number) => status === 429 || status >= 500;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new HttpError("", undefined, "aborted"));
    const t = setTimeout(done, ms);
    function done(): void {
      signal?.removeEventListener("abort", abort);
      resolve();
    }
    function abort(): void {
      clearTimeout(t);
      reject(new HttpError("", undefined, "aborted"));
    }
    signal?.addEventListener("abort", abort, { once: true });
  });
}

/**
 * GET `url` and parse JSON. 5xx, 429 and network errors are retried with capped backoff
 * (a `Retry-After` header wins); other statuses throw an HttpError at once with the server's
 * `{"error": …}` text when it sent one. The body comes back as `unknown`, to be parsed by the caller.
 */
export async function fetchJson(url: string, opts: FetchJsonOptions = {}): Promise<unknown> {
  const attempts = opts.attempts ?? 4;
  const backoff = { minMs: opts.minDelayMs ?? 500, maxMs: opts.maxDelayMs ?? 10_000 };
  const doFetch = opts.fetch ?? fetch;
  let last = "";
  let lastStatus: number | undefined;
  for (let i = 0; i < attempts; i++) {
    let wait = backoffDelay(i, backoff);
    try {
      const signal = AbortSignal.any([AbortSignal.timeout(opts.timeoutMs ?? 10_000), ...(opts.signal ? [opts.signal] : [])]);
      const res = await doFetch(url, { headers: { accept: "application/json" }, signal });
      const text = await res.text();
      if (res.ok) {
        try {
          return JSON.parse(text) as unknown;
        } catch {
          throw new HttpError(url, res.status, `GET ${url}: body is not JSON: ${JSON.stringify(text.slice(0, 80))}`);
        }
      }
      const reason = errorText(text);
      lastStatus = res.status;
      last = `GET ${url}: HTTP ${res.status}${reason ? ` ${reason}` : ""}`;
      if (!RETRYABLE(res.status)) throw new HttpError(url, res.status, last);
      wait = retryAfterMs(res.headers.get("retry-after"), Date.now(), backoff.maxMs) ?? wait;
    } catch (err) {
      if (err instanceof HttpError) throw err;
      if (opts.signal?.aborted) throw new HttpError(url, undefined, `GET ${url}: aborted`);
      last = `GET ${url}: ${netErrorText(err)}`;
    }
    if (i < attempts - 1) await sleep(wait, opts.signal);
  }
  throw new HttpError(url, lastStatus, `${last} (gave up after ${attempts} attempts)`);
}

function errorText(body: string): string {
  try {
    const j = JSON.parse(body) as unknown;
    if (typeof j === "object" && j !== null && typeof (j as { error?: unknown }).error === "string") return (j as { error: string }).error.slice(0, 200);
  } catch {
    /* not JSON: fall through */
  }
  return body.slice(0, 120).replace(/\s+/g, " ").trim();
}
