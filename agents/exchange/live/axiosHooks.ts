/**
 * The client uses the global axios instance, sets no timeout and drops response headers
 * (so Retry-After and the venue's Poly-RateLimit-* headers are lost). Host-scoped hooks fix that:
 * a request timeout, a Retry-After capture, and the rate-limit headers of every response.
 * Other hosts are untouched.
 */
import axios, { type AxiosError, type AxiosResponse, type InternalAxiosRequestConfig } from "axios";
import { parseRetryAfter } from "./RetryPolicy.ts";

export interface AxiosHooks {
  /** Remove the hooks; later calls do nothing. */
  eject(): void;
}

/** What a response said of the signer's rate limits: `Poly-RateLimit-Tier`, and `Poly-RateLimit-Warning: true`. */
export interface RateHeaders {
  tier?: string;
  warning: boolean;
}

export interface HookHandlers {
  onRetryAfter(ms: number): void;
  onRateHeaders?(h: RateHeaders): void;
}

function rateHeaders(res: AxiosResponse | undefined): RateHeaders | undefined {
  const h = res?.headers as Record<string, unknown> | undefined;
  if (!h) return undefined;
  const tier = h["poly-ratelimit-tier"];
  const warning = String(h["poly-ratelimit-warning"] ?? "").trim().toLowerCase() === "true";
  if (tier === undefined && !warning) return undefined;
  return { ...(tier !== undefined ? { tier: String(tier) } : {}), warning };
}

export function installAxiosHooks(host: string, timeoutMs: number, on: HookHandlers): AxiosHooks {
  const mine = (url: string | undefined) => typeof url === "string" && url.startsWith(host);
  const heard = (res: AxiosResponse | undefined) => {
    const h = mine(res?.config?.url) ? rateHeaders(res) : undefined;
    if (h) on.onRateHeaders?.(h);
  };
  const req = axios.interceptors.request.use((cfg: InternalAxiosRequestConfig) => {
    if (mine(cfg.url) && !cfg.timeout) cfg.timeout = timeoutMs;
    return cfg;
  });
  const res = axios.interceptors.response.use(
    (r) => {
      heard(r);
      return r;
    },
    (err: AxiosError) => {
      heard(err.response);
      if (mine(err.config?.url) && err.response?.status === 429) {
        const ms = parseRetryAfter(err.response.headers?.["retry-after"]);
        if (ms !== undefined) on.onRetryAfter(ms);
      }
      return Promise.reject(err);
    },
  );
  let installed = true;
  return {
    eject() {
      if (!installed) return;
      installed = false;
      axios.interceptors.request.eject(req);
      axios.interceptors.response.eject(res);
    },
  };
}
