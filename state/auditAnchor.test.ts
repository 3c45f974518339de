import { existsSync, readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tmpDir } from "../tests/helpers/tmp.ts";
import { anchorAtStart } from "./anchorAtStart.ts";
import { anchorPath, auditHead, metaAnchor, sidecarAnchor, writeAnchor } from "./auditAnchor.ts";
import { appendAudit } from "./auditLog.ts";
import { openDb, type Db } from "./openDb.ts";

let tmp: ReturnType<typeof tmpDir>;
let db: Db;
let path: string;
const append = (n: number) => {
  for (let i = 0; i < n; i++) appendAudit(db, { ts: i, kind: "intent", severity: "info", src: "t", detail: { i } });
};
beforeEach(() => {
  tmp = tmpDir("anchor");
  path = tmp.path("floor.db");
  db = openDb(path);
});
afterEach(() => {
  db.close();
  tmp.remove();
});

describe("the audit anchor", () => {
  it("is written to floor meta and to the sidecar, the same in both, with no temporary file left", () => {
    append(3);
    const a = writeAnchor(db, path, { floorTime: 7, running: true });
    expect(a).toEqual({ ...auditHead(db), floorTime: 7, running: true });
    expect(a.count).toBe(3);
    expect(metaAnchor(db)).toEqual({ state: "ok", anchor: a });
    expect(sidecarAnchor(path)).toEqual({ state: "ok", anchor: a });
    expect(JSON.parse(readFileSync(anchorPath(path), "utf8"))).toEqual(a);
    expect(existsSync(`${anchorPath(path)}.tmp`)).toBe(false);
  });

  it("at start, extends a log that reached its anchor, and refuses one that lost its tail", () => {
    append(5);
    writeAnchor(db, path, { floorTime: 1, running: false });
    append(2);
    anchorAtStart(db, path, 2); // ahead of the anchor: a crash after the last anchor
    expect(metaAnchor(db)).toMatchObject({ anchor: { count: 7, running: true } });
    db.exec("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq > 4");
    expect(() => anchorAtStart(db, path, 3)).toThrow(/the anchor in floor meta records 7 entries: 3 entries after 4 are missing; the floor will not write/);
    expect(metaAnchor(db)).toMatchObject({ anchor: { count: 7 } }); // left as it was
  });

  it("a file without anchors (an older floor's) is anchored afresh at start", () => {
    append(2);
    expect(sidecarAnchor(path)).toEqual({ state: "missing" });
    anchorAtStart(db, path, 0);
    expect(sidecarAnchor(path)).toMatchObject({ state: "ok", anchor: { count: 2 } });
  });
});
