import { existsSync, readFileSync } from "node:fs";
import Database from "better-sqlite3";

/*
 * A reader of a WAL database needs its -shm (and -wal), creating them when absent: in a folder the
 * user cannot write that fails (SQLITE_READONLY_DIRECTORY, or CANTOPEN). When no -wal exists the
 * file alone holds every committed row, so it is read from a copy in memory marked as a rollback-
 * journal file (header bytes 18-19: 2 is WAL); better-sqlite3 is built without URI filenames, so
 * SQLite's `immutable=1` is out of reach. A -wal beside it without a -shm cannot be read safely.
 */
const NEEDS_SHM = new Set(["SQLITE_READONLY_DIRECTORY", "SQLITE_CANTOPEN", "SQLITE_READONLY_CANTINIT", "SQLITE_READONLY"]);

/** Open an existing floor database read-only: beside a running floor, and in a folder this user cannot write. */
export function openReadonly(path: string): Database.Database {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    db.pragma("schema_version"); // the first read opens the WAL index
    return db;
  } catch (e) {
    db.close();
    const code = (e as { code?: string }).code ?? "";
    if (!NEEDS_SHM.has(code)) throw e;
    if (existsSync(`${path}-wal`)) throw new Error(`cannot read ${path}: its write-ahead log ${path}-wal needs ${path}-shm, which cannot be created here (${(e as Error).message})`);
    const image = readFileSync(path);
    if (image[18] === 2) image[18] = image[19] = 1;
    return new Database(image, { readonly: true });
  }
}
