/**
 * A SIGTERM (or Ctrl-C) must see the process out within 5 s (issue 15: a supervisor's stop wait,
 * a container's grace period). The clean stop gets `STOP_DEADLINE_MS` from the signal; past it the
 * process says what is still pending and exits 1 (floor/cli/stopSignals.ts). docs/OUTAGES.md, "Stopping".
 */
export const STOP_DEADLINE_MS = 4500;

/**
 * Of that, the time kept back from waiting on others (the bus, the venue) for the floor's own
 * flushing: the ledger's commit, the final anchor, closing the servers. Waits on the bus give up
 * this long before the deadline, so a dead NATS server costs the outbox's publishes, never the ledger.
 */
export const STOP_RESERVE_MS = 1000;
