import type { Db } from "./openDb.ts";
import { stmt } from "./stmt.ts";

/** Small key/value facts about the floor's runs (mode, seed, start time). */
export function setMeta(db: Db, key: string, value: string): void {
  stmt(db, "INSERT INTO floor_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(key, value);
}

export function getMeta(db: Db, key: string): string | undefined {
  const row = stmt(db, "SELECT value FROM floor_meta WHERE key = ?").get(key) as { value: string } | undefined;
  return row?.value;
}
