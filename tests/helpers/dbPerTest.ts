import { afterEach, beforeEach } from "vitest";
import { openDb, type Db } from "../../state/index.ts";
import { tmpDir } from "./tmp.ts";

/** A fresh SQLite file in a temp folder for each test, closed and removed after it; the result gives the current test's. */
export function dbPerTest(tag: string): () => Db {
  let tmp: ReturnType<typeof tmpDir> | undefined;
  let db: Db | undefined;
  beforeEach(() => {
    tmp = tmpDir(tag);
    db = openDb(tmp.path("floor.db"));
  });
  afterEach(() => {
    db?.close();
    tmp?.remove();
  });
  return () => {
    if (!db) throw new Error("dbPerTest: no test is running");
    return db;
  };
}
