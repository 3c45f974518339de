import type Database from "better-sqlite3";
import type { Db } from "../openDb.ts";
import { JOURNALED_TABLES, writtenTable } from "./journalTables.ts";

/** What a statement may be bound to: what SQLite stores and JSON carries. */
export type JournalArg = number | string | null;

const journals = new WeakMap<Db, StateJournal>();

/** The journal recording `db`'s writes, when one was started on it (stmt.ts asks on each new statement). */
export const journalOf = (db: Db): StateJournal | undefined => journals.get(db);

/**
 * Records every write a role makes to the shared tables (JOURNALED_TABLES) in `journal_out`, in the
 * same transaction as the write, so a killed process never committed a write it has not journaled.
 * Writes made while `applying` (another role's journal) are not recorded again. A transaction's
 * statements share a `txn` number, so the publisher never splits one across messages.
 */
export class StateJournal {
  private applyDepth = 0;
  private txn: number;
  private txnOpen = false;
  private readonly record: Database.Statement;
  /** Told after each recorded write (the publisher schedules a flush). */
  onWrite: () => void = () => undefined;

  private constructor(private readonly db: Db) {
    this.record = db.prepare("INSERT INTO journal_out (txn, sql, args_json) VALUES (?, ?, ?)");
    // Never below a number already used, even once the rows are pruned (a txn number is at most its first row's seq).
    this.txn = Number((db.prepare("SELECT seq AS n FROM sqlite_sequence WHERE name = 'journal_out'").get() as { n: number } | undefined)?.n ?? 0);
  }

  /** Start journaling `db`'s writes (idempotent): from here on, stmt(db, …) hands out recording statements. */
  static start(db: Db): StateJournal {
    let j = journals.get(db);
    if (!j) journals.set(db, (j = new StateJournal(db)));
    return j;
  }

  get applying(): boolean {
    return this.applyDepth > 0;
  }

  /** Run `fn` (applying another role's journal) without recording its writes. */
  whileApplying<T>(fn: () => T): T {
    this.applyDepth++;
    try {
      return fn();
    } finally {
      this.applyDepth--;
    }
  }

  /** `s` as stmt() hands it out: a write to a shared table runs and is recorded atomically; anything else is `s`. */
  wrap(sql: string, s: Database.Statement): Database.Statement {
    if (s.reader) return s;
    const table = writtenTable(sql);
    // A write the journal cannot place would be a silent gap in the other roles' files.
    if (table === undefined) throw new Error(`state journal: cannot tell which table this statement writes: ${sql.trim().slice(0, 120)}`);
    if (!JOURNALED_TABLES.has(table)) return s;
    const run = (...args: unknown[]): Database.RunResult => {
      if (this.applying) return s.run(...args);
      if (this.db.inTransaction) return this.runAndRecord(sql, s, args, false);
      return this.db.transaction(() => this.runAndRecord(sql, s, args, true))();
    };
    return new Proxy(s, {
      get: (target, prop) => {
        if (prop === "run") return run;
        const v: unknown = Reflect.get(target, prop, target);
        return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
  }

  /** `alone`: the statement is a transaction by itself. */
  private runAndRecord(sql: string, s: Database.Statement, args: unknown[], alone: boolean): Database.RunResult {
    const r = s.run(...args);
    // A transaction's statements all run in one synchronous stretch: a new number at a statement that
    // is its own transaction, or at the first one after another or after the stretch (two whole
    // transactions may share one number; one is never split).
    if (alone || !this.txnOpen) {
      this.txn++;
      if (!alone && !this.txnOpen) queueMicrotask(() => (this.txnOpen = false));
      this.txnOpen = !alone;
    }
    this.record.run(this.txn, sql, JSON.stringify(args.map(journalArg)));
    this.onWrite();
    return r;
  }
}

function journalArg(a: unknown): JournalArg {
  if (a === null || typeof a === "string") return a;
  if (typeof a === "number" && Number.isFinite(a)) return a;
  if (a === undefined) return null;
  throw new Error(`state journal: cannot carry a ${typeof a} argument (${String(a).slice(0, 40)})`);
}
