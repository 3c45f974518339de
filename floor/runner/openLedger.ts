import { acquireLock, openDb, StateJournal, type Db, type DbLock } from "../../state/index.ts";
import type { Logger } from "../log/createLogger.ts";

/**
 * Open a floor's state file for writing under its lock: one writer per ledger, a second floor is
 * refused (LockHeldError). `lock` is the caller's, taken earlier (to refuse before printing
 * anything) and released by the caller; otherwise one is taken here and released by `close`.
 * `journal`: one role of a split floor, whose writes to the shared tables go to the others (state/journal).
 */
export function openLedger(dbPath: string, lock: DbLock | undefined, log: Logger, opts: { journal?: boolean } = {}): { db: Db; close(): void } {
  const own = lock || dbPath === ":memory:" ? undefined : acquireLock(dbPath);
  if (own?.tookOver) log.warn({ lock: own.path, holder: own.tookOver }, "took over a stale lock: its holder is no longer running");
  try {
    const db = openDb(dbPath);
    // Before any statement is prepared: only statements prepared after it record their writes.
    if (opts.journal) StateJournal.start(db);
    return {
      db,
      close() {
        db.close();
        own?.release();
      },
    };
  } catch (e) {
    own?.release();
    throw e;
  }
}
