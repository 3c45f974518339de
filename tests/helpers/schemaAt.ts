import Database from "better-sqlite3";
import { MIGRATIONS } from "../../state/index.ts";

/** A database file as an older floor left it: the migrations up to `version` applied, none after (for upgrade tests). */
export function schemaAt(path: string, version: number): Database.Database {
  const old = new Database(path);
  for (const m of MIGRATIONS.filter((x) => x.version <= version)) {
    old.exec(m.sql);
    old.pragma(`user_version = ${m.version}`);
  }
  return old;
}
