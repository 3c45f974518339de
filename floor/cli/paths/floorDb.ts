import { closeSync, openSync, readSync } from "node:fs";
import { openDb, type Db } from "../../../state/index.ts";
import { UsageError } from "../UsageError.ts";
import { mustBeCreatable, mustBeFile, statOf } from "./pathKind.ts";

const HEADER = "SQLite format 3\0";

/** True if the file starts as every SQLite database does (an empty file is not one). */
function isSqlite(path: string): boolean {
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.alloc(HEADER.length);
    return readSync(fd, buf, 0, buf.length, 0) === buf.length && buf.toString("latin1") === HEADER;
  } finally {
    closeSync(fd);
  }
}

/**
 * Open an existing floor database read-only, for the commands that only read it. Nothing is
 * created: a missing file is a runtime error (exit 1); a directory, a special file, or a file that
 * is not a floor's database is bad usage (exit 2).
 */
export function openFloorDb(path: string, flag = "--db"): Db {
  const st = statOf(flag, path);
  if (st === undefined) throw new Error(`no floor database at ${path} (start a floor first, or pass --db PATH)`);
  mustBeFile(flag, path, st);
  if (!isSqlite(path)) throw new UsageError(`${flag} ${path} is not a floor database (${st.size === 0 ? "the file is empty" : "not SQLite"})`);
  const db = openDb(path, { readonly: true });
  let isFloor: boolean;
  try {
    isFloor = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'floor_meta'").get() !== undefined;
  } catch (e) {
    db.close(); // a file SQLite cannot read (corrupt pages): not left open behind the error
    throw e;
  }
  if (!isFloor) {
    db.close();
    throw new UsageError(`${flag} ${path} is a SQLite database but not a floor's (no floor_meta table)`);
  }
  return db;
}

/**
 * Check a database path a floor will write, before anything runs: an existing file must be a
 * SQLite database (never overwrite something else), a new one must be creatable.
 */
export function checkWritableDb(path: string, flag = "--db"): void {
  const st = statOf(flag, path);
  if (st === undefined) return mustBeCreatable(flag, path);
  mustBeFile(flag, path, st);
  if (st.size > 0 && !isSqlite(path)) throw new UsageError(`${flag} ${path} is not a SQLite database: refusing to write into it`);
}
