import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDb, type Db } from "../openDb.ts";
import { addCash, recordFill, recordOrder, transferCash } from "../ledger.ts";
import { setMeta } from "../meta.ts";
import { appendAudit, verifyAudit } from "../auditLog.ts";
import { stmt } from "../stmt.ts";
import { applyJournal, appliedThrough } from "./applyJournal.ts";
import { journalHead, pruneJournal, readJournal } from "./readJournal.ts";
import { StateJournal } from "./StateJournal.ts";

const TOKEN = "1".repeat(77);
let dir: string;
let a: Db;
let b: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "journal-"));
  a = openDb(join(dir, "a.db"));
  b = openDb(join(dir, "b.db"));
  StateJournal.start(a);
});
afterEach(() => {
  a.close();
  b.close();
  rmSync(dir, { recursive: true, force: true });
});

const all = () => true;
const ledger = (db: Db) => ({
  orders: db.prepare("SELECT * FROM orders ORDER BY order_id").all(),
  fills: db.prepare("SELECT * FROM fills ORDER BY fill_id").all(),
  cash: db.prepare("SELECT agent_id, delta_micro, reason, ref, ts FROM cash ORDER BY seq").all(),
  positions: db.prepare("SELECT * FROM positions ORDER BY agent_id, market_id, outcome").all(),
  audit: db.prepare("SELECT * FROM audit_log ORDER BY seq").all(),
});

function trade(db: Db, n: number): void {
  addCash(db, "floor", 1_000_000_000, "deposit", "initial capital", 0);
  transferCash(db, "floor", "t1", 100_000_000, "alloc-t1", 1);
  for (let i = 0; i < n; i++) {
    recordOrder(db, { orderId: `o${i}`, intentId: `i${i}`, agentId: "t1", marketId: "m1", tokenId: TOKEN, outcome: "Up", side: "BUY", type: "FAK", price: 500_000, size: 10_000_000, status: "live", ts: 10 + i });
    recordFill(db, { fillId: `f${i}`, orderId: `o${i}`, agentId: "t1", marketId: "m1", outcome: "Up", side: "BUY", price: 500_000, size: 10_000_000, feeShares: 0, feeUsd: 175_000, cashDelta: -5_175_000, sharesDelta: 10_000_000, ts: 10 + i });
  }
  appendAudit(db, { ts: 99, kind: "order_fill", severity: "info", src: "exchange", detail: { n } });
}

describe("the state journal", () => {
  it("records the shared tables' writes, and another file applying them holds the same ledger and audit chain", () => {
    trade(a, 5);
    setMeta(a, "runs", "1"); // a file's own table: not journaled
    const rows = readJournal(a, 0, 10_000);
    expect(rows.length).toBeGreaterThan(5 * 4);
    expect(rows.some(([, sql]) => sql.includes("floor_meta"))).toBe(false);
    const r = applyJournal(b, "exchange", rows, all);
    expect(r).toMatchObject({ applied: rows.length, repeats: 0, gap: 0, refused: [] });
    expect(ledger(b)).toEqual(ledger(a));
    expect(verifyAudit(b)).toEqual(verifyAudit(a));
    expect(appliedThrough(b, "exchange")).toBe(journalHead(a));
  });

  it("skips repeats row by row, whatever batches they come in", () => {
    trade(a, 3);
    const rows = readJournal(a, 0, 10_000);
    applyJournal(b, "exchange", rows.slice(0, 7), all);
    const again = applyJournal(b, "exchange", rows.slice(3), all);
    expect(again.repeats).toBe(4);
    expect(again.applied).toBe(rows.length - 7);
    expect(applyJournal(b, "exchange", rows, all).applied).toBe(0);
    expect(ledger(b)).toEqual(ledger(a));
  });

  it("counts a gap, refuses a table the source does not own, and a statement SQLite refuses, keeping the rest", () => {
    trade(a, 2);
    const rows = readJournal(a, 0, 10_000);
    const notFills = (t: string) => t !== "fills";
    const r = applyJournal(b, "exchange", [rows[0]!, ...rows.slice(3)], notFills);
    expect(r.gap).toBe(2);
    expect(r.refused.map((x) => x.reason)).toEqual(expect.arrayContaining([expect.stringMatching(/exchange does not write fills/)]));
    expect(b.prepare("SELECT COUNT(*) AS n FROM fills").get()).toEqual({ n: 0 });
    expect(b.prepare("SELECT * FROM journal_in").get()).toMatchObject({ source: "exchange", gaps: 2, conflicts: r.refused.length });
    const dup = applyJournal(b, "boss", [[1, "INSERT INTO orders (order_id) VALUES (?)", ["x"]]], all);
    expect(dup.refused[0]!.reason).toMatch(/NOT NULL/);
  });

  it("writes nothing to the journal for a transaction that rolls back, nor for what it applies from others", () => {
    StateJournal.start(b);
    expect(() =>
      a.transaction(() => {
        addCash(a, "floor", 5, "deposit", "x", 0);
        throw new Error("boom");
      })(),
    ).toThrow("boom");
    expect(journalHead(a)).toBe(0);
    trade(a, 1);
    applyJournal(b, "exchange", readJournal(a, 0, 100), all);
    expect(journalHead(b)).toBe(0);
  });

  it("hands out whole transactions, and keeps numbering after a prune", () => {
    trade(a, 4);
    const head = journalHead(a);
    const first = readJournal(a, 0, 5);
    // A fill is four statements in one transaction: a batch never ends inside one.
    const txnOf = (seq: number) => (a.prepare("SELECT txn FROM journal_out WHERE seq = ?").get(seq) as { txn: number }).txn;
    const last = first.at(-1)![0];
    expect(txnOf(last + 1)).not.toBe(txnOf(last));
    expect(pruneJournal(a, head)).toBe(head);
    addCash(a, "t1", 1, "deposit", "y", 5);
    expect(readJournal(a, head, 10)).toEqual([[head + 1, expect.stringContaining("INSERT INTO cash"), ["t1", 1, "deposit", "y", 5]]]);
  });

  it("refuses a write it cannot place instead of leaving a gap", () => {
    expect(() => stmt(a, "WITH x AS (SELECT 1) INSERT INTO cash (agent_id, delta_micro, reason, ts) SELECT 'a', 1, 'deposit', 0 FROM x")).toThrow(/cannot tell which table/);
  });
});
