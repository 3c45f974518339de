import { existsSync, readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tmpDir } from "../tests/helpers/tmp.ts";
import { anchorAtStart } from "./anchorAtStart.ts";
import { anchorPath, auditHead, metaAnchor, sidecarAnchor, writeAnchor } from "./auditAnchor.ts";
import { appendAudit } from "./auditLog.ts";
import { addCash, recordOrder } from "./ledger.ts";
import { openDb, type Db } from "./openDb.ts";
import { verifyFloor } from "./verifyFloor.ts";

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

  it("after an unclean stop, records as recovered what the crash kept off one side since the last anchor, and only that", () => {
    const order = { agentId: "a", marketId: "m1", tokenId: "1", outcome: "Up" as const, side: "BUY" as const, type: "FAK", price: 500_000, size: 10_000_000, status: "filled" as const };
    recordOrder(db, { ...order, orderId: "o-old", intentId: "old", ts: 10 }); // before the anchor: never audited, not the crash's
    writeAnchor(db, path, { floorTime: 100, running: true });
    addCash(db, "floor", 5_000_000, "deposit", "initial capital", 100); // booked, then killed before the auditor wrote it
    appendAudit(db, { ts: 120, kind: "approved", severity: "info", src: "boss", detail: { intentId: "late", agentId: "a", price: 500_000, size: 10_000_000 } }); // audited, never booked
    const broken = () => verifyFloor(db, path).checks.find((c) => c.name === "reconcile")?.problems;
    anchorAtStart(db, path, 125, { recover: false }); // a split floor's role: nothing recorded
    expect(db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE kind = 'audit_recovered'").get()).toEqual({ n: 0 });
    writeAnchor(db, path, { floorTime: 100, running: true });
    anchorAtStart(db, path, 130);
    const recovered = db.prepare("SELECT severity, detail_json FROM audit_log WHERE kind = 'audit_recovered' ORDER BY seq").all() as Array<{ severity: string; detail_json: string }>;
    expect(recovered.map((r) => [r.severity, JSON.parse(r.detail_json).fact, JSON.parse(r.detail_json).key])).toEqual([["error", "deposit", "floor#1"], ["error", "order", "late"]]);
    expect(broken()).toEqual(["order old is in the ledger (orders row 1) but not in the audit log"]);
    anchorAtStart(db, path, 140); // a clean start now: nothing more is recovered
    expect(db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE kind = 'audit_recovered'").get()).toEqual({ n: 2 });
  });
});
