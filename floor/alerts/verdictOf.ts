/** What an HTTP status means for a webhook message: done, try again later, or no use retrying. */
export type Verdict = "delivered" | "retry" | "refused";

/** 2xx delivered; 429 (rate limited) and 5xx retried; any other status (a bad URL, a bad body, a revoked token) refused. */
export function verdictOf(status: number): Verdict {
  if (status >= 200 && status < 300) return "delivered";
  if (status === 429 || status >= 500) return "retry";
  return "refused";
}
