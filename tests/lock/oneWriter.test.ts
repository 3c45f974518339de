import { chmodSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { openDb, reconcileLedger, resolvedUnsettled } from "../../state/index.ts";
import { finished, floor, startFloor, waitForOutput } from "../helpers/floorCli.ts";
import { floorInProcess } from "../helpers/floorInProcess.ts";
import { tmpDir } from "../helpers/tmp.ts";

const tmp = tmpDir("lock");
// Each CLI run compiles TypeScript and runs hours of floor time: generous on a busy machine.
const SLOW = 300_000;
const TEST = 900_000;
afterAll(() => tmp.remove());
const sim = (db: string, until = "6h") => ["start", "--until", until, "--speed", "max", "--seed", "3", "--db", db, "--dashboard", "off"];

/** What one writer must leave: the summaries agree with their rows, and no position waits in a resolved market. */
function expectConsistent(path: string): void {
  const db = openDb(path, { readonly: true });
  try {
    expect(reconcileLedger(db)).toEqual([]);
    expect(resolvedUnsettled(db)).toEqual([]);
    expect(db.prepare("SELECT COUNT(*) AS n FROM markets WHERE outcome IS NOT NULL").get()).not.toEqual({ n: 0 });
  } finally {
    db.close();
  }
}

/** A ledger that refuses settlements, as a full disk or a broken file would refuse a write. */
function refuseSettlements(path: string, refuse = true): void {
  const db = openDb(path);
  db.exec(refuse ? "CREATE TRIGGER refuse_settlements BEFORE INSERT ON settlements BEGIN SELECT RAISE(ABORT, 'settlements refused'); END" : "DROP TRIGGER refuse_settlements");
  db.close();
}

const count = (path: string, sql: string): number => {
  const db = openDb(path, { readonly: true });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

// Each test has its own database (or checkout); several of their floors are paced, so mostly
// waiting: the tests run side by side.
describe.concurrent("one writer per ledger", () => {
  it("refuses a second floor on the same database (exit 2, naming the file and the holder's pid); the first completes consistent, readers work beside it", async () => {
    const db = tmp.path("two.db");
    // The first runs until stopped (an hour of floor time a second), so it is surely running when the second starts.
    const first = startFloor(["start", "--speed", "3600", "--seed", "3", "--db", db, "--dashboard", "off"]);
    const firstDone = finished(first, TEST);
    await waitForOutput(first, /markets [1-9]\d* settled/, SLOW);
    const second = await floor(sim(db, "3h"), {}, SLOW);
    expect(second.code).toBe(2);
    expect(second.stderr.trim().split("\n")).toHaveLength(1);
    expect(second.stderr).toContain(`${db} is in use by another floor: pid ${first.pid} `);
    expect(second.stdout).toBe(""); // refused before the banner
    // Read-only commands never take the lock and work while the floor writes (in process: another
    // process than the floor's, as a spawned reader would be; the test below spawns them as another user).
    for (const cmd of [["status"], ["agents"], ["audit", "verify"]]) expect((await floorInProcess([...cmd, "--db", db])).code).toBe(0);
    first.kill("SIGINT");
    const done = await firstDone;
    expect(done.code).toBe(0);
    expect(done.stdout).toContain("stopped cleanly");
    expect(existsSync(`${db}.lock`)).toBe(false);
    expectConsistent(db);
  }, TEST);

  it("refuses a second `npm start` in the same checkout (both on the default data/floor.db)", async () => {
    const checkout = { cwd: tmp.path("checkout") };
    mkdirSync(checkout.cwd);
    const args = ["start", "--speed", "600", "--dashboard", "off"];
    const first = startFloor(args, {}, checkout);
    const firstDone = finished(first, TEST);
    try {
      await waitForOutput(first, /running/, SLOW);
      const second = await floor(args, {}, SLOW, checkout);
      expect(second.code).toBe(2);
      expect(second.stderr).toContain(`data/floor.db is in use by another floor: pid ${first.pid} `);
    } finally {
      first.kill("SIGINT");
      expect((await firstDone).code).toBe(0);
    }
  }, TEST);

  it("serves the read-only commands from a read-only file in a folder this user cannot write", async () => {
    const dir = tmp.path("readonly");
    mkdirSync(dir);
    const db = `${dir}/f.db`;
    expect((await floor(sim(db, "1h"), {}, SLOW)).code).toBe(0);
    // Root writes anywhere: the readers run as nobody then, as a user without rights would.
    const reader = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    chmodSync(tmp.dir, 0o755);
    chmodSync(db, 0o444);
    chmodSync(dir, 0o555);
    try {
      for (const [cmd, says] of [[["status"], /momentum-1/], [["agents"], /momentum-1/], [["audit", "verify"], /audit log intact/]] as const) {
        const r = await floor([...cmd, "--db", db], {}, SLOW, reader);
        expect(r.stderr).toBe("");
        expect(r.stdout).toMatch(says);
        expect(r.code).toBe(0);
      }
      expect(readdirSync(dir)).toEqual(["f.db", "f.db.anchor"]); // the readers created nothing
    } finally {
      chmodSync(dir, 0o755);
    }
  }, TEST);

  it("stops the floor with exit 1 and the reason when a ledger write fails, instead of dropping the write", async () => {
    const db = tmp.path("fails.db");
    refuseSettlements(db);
    const r = await floor(sim(db), {}, SLOW);
    expect(r.stderr).toMatch(/floor start: ledger write failed in exchange \(md\.market\.\S+\.resolved\): settlements refused \[SQLITE_CONSTRAINT_TRIGGER\]; the floor stopped/);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain("stopped cleanly");
    expect(existsSync(`${db}.lock`)).toBe(false);
    // Audited, and the floor checkpointed where it stopped.
    expect(count(db, "SELECT COUNT(*) AS n FROM audit_log WHERE kind = 'agent_error' AND detail_json LIKE '%ledger write failed%'")).toBe(1);
    expect(count(db, "SELECT COUNT(*) AS n FROM floor_meta WHERE key = 'floorTime'")).toBe(1);
  }, TEST);

  it("settles at start, each audited, the positions left in markets the ledger resolved but never settled", async () => {
    const db = tmp.path("leftovers.db");
    refuseSettlements(db);
    await floor(sim(db), {}, SLOW); // fails at a settlement (today it drops them all and carries on)
    const left = count(db, "SELECT COUNT(*) AS n FROM positions p JOIN markets m USING (market_id) WHERE m.outcome IS NOT NULL");
    expect(left).toBeGreaterThan(0);
    refuseSettlements(db, false);
    const r = await floor(sim(db, "7h"), {}, SLOW);
    expect(r.code).toBe(0);
    expectConsistent(db);
    expect(count(db, "SELECT COUNT(*) AS n FROM audit_log WHERE kind = 'reconcile' AND detail_json LIKE '%\"action\":\"settled-at-start\"%'")).toBeGreaterThan(0);
  }, TEST);
});

describe.concurrent("the lock's life", () => {
  it("is released by a clean stop on SIGINT; a SIGKILLed floor's lock is taken over by the next start, which says so", async () => {
    const db = tmp.path("signals.db");
    const args = ["start", "--speed", "600", "--seed", "3", "--db", db, "--dashboard", "off"];
    const stopped = startFloor(args);
    await waitForOutput(stopped, /running/, SLOW);
    stopped.kill("SIGINT");
    expect((await finished(stopped, SLOW)).code).toBe(0);
    expect(existsSync(`${db}.lock`)).toBe(false);
    const killed = startFloor(args);
    await waitForOutput(killed, /running/, SLOW);
    killed.kill("SIGKILL");
    await finished(killed, SLOW);
    expect(existsSync(`${db}.lock`)).toBe(true);
    const next = await floor(sim(db, "1h"), {}, SLOW);
    expect(next.stderr).toContain(`took over ${db}.lock from pid ${killed.pid} `);
    expect(next.code).toBe(0);
    expect(existsSync(`${db}.lock`)).toBe(false);
  }, TEST);
});
