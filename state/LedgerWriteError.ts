import Database from "better-sqlite3";

type SqliteError = InstanceType<typeof Database.SqliteError>;

/**
 * A ledger write that failed, past SQLite's own retry of a busy database (busy_timeout). It is
 * never dropped: the floor stops, checkpointing, and reports it (exit 1), so the next start
 * carries on from a ledger that holds every write that succeeded.
 */
export class LedgerWriteError extends Error {
  constructor(readonly agentId: string, readonly during: string, readonly sqlite: SqliteError) {
    super(`ledger write failed in ${agentId} (${during}): ${sqlite.message} [${sqlite.code}]; the floor stopped`, { cause: sqlite });
    this.name = "LedgerWriteError";
  }
}

/** The error as a ledger failure, when SQLite raised it; undefined for an agent's own bug. */
export function asLedgerFailure(err: unknown, agentId: string, during: string): LedgerWriteError | undefined {
  if (err instanceof LedgerWriteError) return err;
  return err instanceof Database.SqliteError ? new LedgerWriteError(agentId, during, err) : undefined;
}
