import { describe, expect, it } from "vitest";
import type { AuditAnchor, StoredAnchor } from "./auditAnchor.ts";
import { checkAnchors } from "./checkAnchors.ts";

const h = (n: number) => n.toString(16).padStart(64, "0");
const anchor = (count: number, running = false): StoredAnchor => ({ state: "ok", anchor: { count, hash: h(count), floorTime: 1_000 * count, running } satisfies AuditAnchor });
const missing: StoredAnchor = { state: "missing" };
const check = (meta: StoredAnchor, sidecar: StoredAnchor, head: number, hashAt = (seq: number) => (seq <= head ? h(seq) : undefined)) =>
  checkAnchors({ name: "floor meta", stored: meta }, { name: "f.db.anchor", stored: sidecar }, { count: head, hash: h(head) }, hashAt);

describe("checkAnchors", () => {
  it("accepts a head at or ahead of both anchors (a running floor writes past them), and names the freshest", () => {
    expect(check(anchor(50), anchor(50), 50)).toEqual({ problems: [], freshest: { count: 50, hash: h(50), floorTime: 50_000, running: false } });
    expect(check(anchor(40, true), anchor(45, true), 60).problems).toEqual([]);
    expect(check(anchor(40, true), anchor(45, true), 60).freshest?.count).toBe(45);
  });

  it("catches a deleted tail from each anchor, with how many entries are missing", () => {
    expect(check(anchor(50), anchor(50), 37).problems).toEqual([
      "the audit log ends at entry 37 but the anchor in floor meta records 50 entries: 13 entries after 37 are missing",
      "the audit log ends at entry 37 but the anchor in f.db.anchor records 50 entries: 13 entries after 37 are missing",
    ]);
  });

  it("catches a log rewritten through the anchor's entry", () => {
    expect(check(anchor(50), anchor(50), 60, () => h(7)).problems[0]).toBe(`entry 50 has hash ${h(7).slice(0, 8)} but the anchor in floor meta records ${h(50).slice(0, 8)}: the log was rewritten up to there`);
  });

  it("reports one anchor without the other, none at all, or one unreadable; an empty log needs none", () => {
    expect(check(missing, anchor(50), 37).problems).toEqual([
      "the audit log ends at entry 37 but the anchor in f.db.anchor records 50 entries: 13 entries after 37 are missing",
      `floor meta has no audit anchor but f.db.anchor has one (50#${h(50).slice(0, 8)})`,
    ]);
    expect(check(anchor(5), missing, 5).problems).toEqual([`f.db.anchor is missing but floor meta has an anchor (5#${h(5).slice(0, 8)})`]);
    expect(check(missing, missing, 5).problems).toEqual(["no audit anchor in floor meta nor in f.db.anchor: a deleted tail cannot be ruled out"]);
    expect(check(missing, missing, 0).problems).toEqual([]);
    expect(check(anchor(5), { state: "unreadable", error: "Unexpected end of JSON input" }, 5).problems).toEqual(["the anchor in f.db.anchor is unreadable: Unexpected end of JSON input"]);
  });
});
