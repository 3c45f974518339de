import type { Db } from "../openDb.ts";
import { stmt } from "../stmt.ts";
import { writtenTable } from "./journalTables.ts";
import { StateJournal, type JournalArg } from "./StateJournal.ts";

/** One recorded write: its sequence number in the source's journal, the statement and its arguments. */
export type JournalRow = readonly [seq: number, sql: string, args: readonly JournalArg[]];

export interface Applied {
  applied: number;
  /** Rows at or below what was already applied from this source (a repeat): skipped. */
  repeats: number;
  /** Rows missing between what was applied and this batch (lost upstream): counted, then the batch is applied. */
  gap: number;
  /** Rows refused: a table the source does not own, or a statement SQLite refused (each with why). */
  refused: Array<{ seq: number; reason: string }>;
}

/** How far `source`'s journal is applied in this file (0 when never). */
export function appliedThrough(db: Db, source: string): number {
  return Number((stmt(db, "SELECT seq FROM journal_in WHERE source = ?").get(source) as { seq: number } | undefined)?.seq ?? 0);
}

/**
 * Apply another role's journal rows to this file, in one transaction with the mark of how far that
 * source is applied, so a repeat (a redelivery, a republish after a restart) is skipped row by row
 * whatever batches it comes in. A source writes only the tables it owns (`owns`).
 */
export function applyJournal(db: Db, source: string, rows: readonly JournalRow[], owns: (table: string) => boolean): Applied {
  const journal = StateJournal.start(db);
  return db.transaction((): Applied => {
    const done = appliedThrough(db, source);
    const out: Applied = { applied: 0, repeats: 0, gap: 0, refused: [] };
    let last = done;
    for (const [seq, sql, args] of rows) {
      if (seq <= last) {
        out.repeats++;
        continue;
      }
      if (seq > last + 1) out.gap += seq - last - 1;
      last = seq;
      const table = writtenTable(sql);
      if (table === undefined || !owns(table)) {
        out.refused.push({ seq, reason: `${source} does not write ${table ?? "this statement's table"}` });
        continue;
      }
      try {
        db.exec("SAVEPOINT journal_row");
        journal.whileApplying(() => stmt(db, sql).run(...args));
        db.exec("RELEASE journal_row");
        out.applied++;
      } catch (e) {
        db.exec("ROLLBACK TO journal_row");
        db.exec("RELEASE journal_row");
        out.refused.push({ seq, reason: (e as Error).message });
      }
    }
    if (last > done) {
      stmt(db, `INSERT INTO journal_in (source, seq, gaps, conflicts) VALUES (?, ?, ?, ?)
        ON CONFLICT(source) DO UPDATE SET seq = excluded.seq, gaps = gaps + excluded.gaps, conflicts = conflicts + excluded.conflicts`).run(source, last, out.gap, out.refused.length);
    }
    return out;
  }).immediate();
}
