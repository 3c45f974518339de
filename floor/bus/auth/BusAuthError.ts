/** Credentials that cannot work: missing, contradictory, unreadable, or refused by the server. The CLI exits 2 on it (bad config). */
export class BusAuthError extends Error {
  readonly code = "BUS_AUTH" as const;
}
