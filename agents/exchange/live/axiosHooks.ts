/**
 * The client uses the global axios instance, sets no timeout and drops response headers
 * (so Retry-After is lost). Two host-scoped hooks fix that: a request timeout and a
 * Retry-After capture. Other hosts are untouched.
 */
import axios, { type AxiosError, type InternalAxiosRequestConfig } from "axios";
import { parseRetryAfter } from "./RetryPolicy.ts";

export interface AxiosHooks {
  /** Remove both hooks; later calls do nothing. */
  eject(): void;
}

export function installAxiosHooks(host: string, timeoutMs: number, onRetryAfter: (ms: number) => void): AxiosHooks {
  const mine = (url: string | undefined) => typeof url === "string" && url.startsWith(host);
  const req = axios.interceptors.request.use((cfg: InternalAxiosRequestConfig) => {
    if (mine(cfg.url) && !cfg.timeout) cfg.timeout = timeoutMs;
    return cfg;
  });
  const res = axios.interceptors.response.use(undefined, (err: AxiosError) => {
    if (mine(err.config?.url) && err.response?.status === 429) {
      const ms = parseRetryAfter(err.response.headers?.["retry-after"]);
      if (ms !== undefined) onRetryAfter(ms);
    }
    return Promise.reject(err);
  });
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
