import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readJournal } from "./journal/readJournal.ts";
import { StateJournal } from "./journal/StateJournal.ts";
import { openDb, type Db } from "./openDb.ts";
import { SeenEnvelopes } from "./SeenEnvelopes.ts";
import { setMeta } from "./meta.ts";

let dir: string;
let path: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "seen-"));
  path = join(dir, "floor.db");
  db = openDb(path);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = (d: Db, consumer: string) => (d.prepare("SELECT COUNT(*) AS n FROM seen_envelopes WHERE consumer = ?").get(consumer) as { n: number }).n;

describe("SeenEnvelopes", () => {
  it("remembers what each consumer handled, in the file: a new store on the reopened file has it", () => {
    const a = new SeenEnvelopes(db, "exchange-1.order.decision.*");
    a.add("boss.1.1");
    db.transaction(() => a.record("boss.1.2", []))();
    expect(a.has("boss.1.1")).toBe(true);
    expect(a.has("boss.1.3")).toBe(false);
    expect(new SeenEnvelopes(db, "other.order.>").has("boss.1.1")).toBe(false); // per consumer
    db.close();
    db = openDb(path);
    const b = new SeenEnvelopes(db, "exchange-1.order.decision.*");
    expect([b.has("boss.1.1"), b.has("boss.1.2"), b.has("boss.1.3")]).toEqual([true, true, false]);
  });

  it("forgets a record made in a transaction that rolled back, with the handler's own writes", () => {
    const s = new SeenEnvelopes(db, "c");
    expect(() => db.transaction(() => {
      setMeta(db, "written", "yes");
      s.record("x.1", []);
      throw new Error("the handler failed before its commit");
    })()).toThrow("before its commit");
    expect(s.has("x.1")).toBe(false);
  });

  it("keeps what a handling sent until add() says the stream has it", () => {
    const s = new SeenEnvelopes(db, "c");
    const sent = [{ subject: "order.event.t1", data: '{"id":"ex.1.1"}' }, { subject: "audit.fill", data: '{"id":"ex.1.2"}' }];
    s.record("in.1", sent);
    s.record("in.2", []);
    s.record("in.3", [{ subject: "order.event.t2", data: '{"id":"ex.1.3"}' }]);
    expect(s.unsent()).toEqual([...sent, { subject: "order.event.t2", data: '{"id":"ex.1.3"}' }]);
    s.add("in.1");
    expect(s.unsent()).toEqual([{ subject: "order.event.t2", data: '{"id":"ex.1.3"}' }]);
    expect(s.has("in.1")).toBe(true);
  });

  it("keeps the newest ids per consumer, pruned every thousand adds and at open", () => {
    const s = new SeenEnvelopes(db, "c", 1_500);
    const other = new SeenEnvelopes(db, "d", 1_500);
    other.add("d.0");
    for (let i = 0; i < 1_999; i++) s.add(`c.${i}`);
    expect(count(db, "c")).toBe(1_999); // not pruned on every insert
    s.add("c.1999"); // the 2,000th add prunes
    expect(count(db, "c")).toBe(1_500);
    expect([s.has("c.499"), s.has("c.500"), s.has("c.1999")]).toEqual([false, true, true]);
    expect(other.has("d.0")).toBe(true);
    for (let i = 2_000; i < 2_100; i++) s.add(`c.${i}`);
    new SeenEnvelopes(db, "c", 1_500);
    expect(count(db, "c")).toBe(1_500);
    expect(s.has("c.2099")).toBe(true);
  });

  it("is never journaled: it belongs to its process's file", () => {
    StateJournal.start(db);
    const s = new SeenEnvelopes(db, "c");
    db.transaction(() => s.record("x.1", [{ subject: "order.event.t", data: "{}" }]))();
    s.add("x.1");
    s.prune();
    expect(readJournal(db, 0, 100).filter(([, sql]) => sql.includes("seen_envelopes"))).toEqual([]);
    expect(s.has("x.1")).toBe(true);
  });

  it("lists an agent's consumers by their name's prefix (`_` is no wildcard) and forgets one whole, its kept outputs too", () => {
    for (const name of ["t1.order.event.t1", "t1.order.decision.t1", "t1x.order.event.t1x", "t1_order.x"]) new SeenEnvelopes(db, name).add("a.1.1");
    const kept = new SeenEnvelopes(db, "t1.order.event.t1");
    db.transaction(() => kept.record("a.1.2", [{ subject: "order.intent.t1", data: "{}" }]))();
    expect(SeenEnvelopes.consumers(db, "t1.")).toEqual(["t1.order.decision.t1", "t1.order.event.t1"]);
    expect(SeenEnvelopes.forget(db, "t1.order.event.t1")).toBe(2);
    expect([count(db, "t1.order.event.t1"), count(db, "t1.order.decision.t1"), count(db, "t1x.order.event.t1x")]).toEqual([0, 1, 1]);
    expect(kept.unsent()).toEqual([]);
  });
});
