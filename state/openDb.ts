import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { MIGRATIONS } from "./migrations.ts";
import { openReadonly } from "./openReadonly.ts";

export type Db = Database.Database;

/**
 * Open (creating if needed) the floor's SQLite file in WAL mode and bring its schema up to date.
 * WAL with synchronous=NORMAL survives a killed process without losing a committed row.
 * Read-only opens never write, not even the schema (openReadonly.ts).
 */
export function openDb(path: string, opts: { readonly?: boolean } = {}): Db {
  if (opts.readonly) return openReadonly(path);
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma("busy_timeout = 5000");
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  migrate(db);
  return db;
}

/** Apply every migration newer than the file's `user_version`, each in its own transaction. */
export function migrate(db: Db): number {
  const current = db.pragma("user_version", { simple: true }) as number;
  const latest = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
  if (current > latest) throw new Error(`database schema v${current} is newer than this floor (v${latest}); upgrade polyfloor`);
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return latest;
}
