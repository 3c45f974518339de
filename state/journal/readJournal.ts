import type { Db } from "../openDb.ts";
import { scalar, stmt } from "../stmt.ts";
import type { JournalRow } from "./applyJournal.ts";
import type { JournalArg } from "./StateJournal.ts";

/** Journal rows after `afterSeq` as whole transactions, oldest first: at most `maxRows` unless one transaction is longer. */
export function readJournal(db: Db, afterSeq: number, maxRows: number): JournalRow[] {
  const rows = stmt(db, "SELECT seq, txn, sql, args_json FROM journal_out WHERE seq > ? ORDER BY seq LIMIT ?").all(afterSeq, maxRows + 1) as Array<{ seq: number; txn: number; sql: string; args_json: string }>;
  if (rows.length > maxRows) {
    // Cut before the last transaction that may go on past the limit, unless it is the only one.
    const lastTxn = rows[rows.length - 1]!.txn;
    const whole = rows.filter((r) => r.txn !== lastTxn);
    if (whole.length > 0) return whole.map(toRow);
    return (stmt(db, "SELECT seq, txn, sql, args_json FROM journal_out WHERE seq > ? AND txn = ? ORDER BY seq").all(afterSeq, lastTxn) as typeof rows).map(toRow);
  }
  return rows.map(toRow);
}

/** Drop the rows up to `throughSeq`, once the stream is known to keep them. */
export function pruneJournal(db: Db, throughSeq: number): number {
  return stmt(db, "DELETE FROM journal_out WHERE seq <= ?").run(throughSeq).changes;
}

/** The last row's sequence number (0 for an empty journal). */
export function journalHead(db: Db): number {
  return scalar(db, "SELECT MAX(seq) AS n FROM journal_out");
}

const toRow = (r: { seq: number; sql: string; args_json: string }): JournalRow => [r.seq, r.sql, JSON.parse(r.args_json) as JournalArg[]];

/** The highest sequence number the journal has ever given (rows pruned or not): what the next row's follows. */
export function journalSequence(db: Db): number {
  return scalar(db, "SELECT seq AS n FROM sqlite_sequence WHERE name = 'journal_out'");
}
