import type Database from "better-sqlite3";
import type { Db } from "./openDb.ts";
import { journalOf } from "./journal/StateJournal.ts";

const cache = new WeakMap<Db, Map<string, Database.Statement>>();

/** A prepared statement, compiled once per connection (recording its writes when the file keeps a state journal). */
export function stmt(db: Db, sql: string): Database.Statement {
  let byDb = cache.get(db);
  if (!byDb) cache.set(db, (byDb = new Map()));
  let s = byDb.get(sql);
  if (!s) {
    s = db.prepare(sql);
    const j = journalOf(db);
    if (j) s = j.wrap(sql, s);
    byDb.set(sql, s);
  }
  return s;
}

/** The number a one-row, one-column `... AS n` query returns (0 for NULL, as SUM of no rows gives, and for no row at all). */
export function scalar(db: Db, sql: string, ...args: unknown[]): number {
  return Number((stmt(db, sql).get(...args) as { n: number | null } | undefined)?.n ?? 0);
}
