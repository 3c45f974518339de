import { copyFileSync, existsSync, openSync, readFileSync, statSync, unlinkSync, writeFileSync, writeSync, closeSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { finished, floor, startFloor, waitForOutput } from "../helpers/floorCli.ts";
import { floorInProcess } from "../helpers/floorInProcess.ts";
import { tmpDir } from "../helpers/tmp.ts";

const tmp = tmpDir("auditverify");
const base = tmp.path("base.db");
let n = 0;

beforeAll(async () => {
  const r = await floor(["start", "--until", "2h", "--speed", "max", "--db", base, "--dashboard", "off"]);
  expect(r.code).toBe(0);
}, 120_000);
afterAll(() => tmp.remove());

/** A copy of the closed two-hour floor (its database and its anchor beside it), tampered with by `sql`. */
function copyWith(sql = ""): string {
  const path = tmp.path(`copy-${++n}.db`);
  copyFileSync(base, path);
  if (existsSync(`${base}.anchor`)) copyFileSync(`${base}.anchor`, `${path}.anchor`);
  if (sql) {
    const db = new Database(path);
    db.exec(sql);
    db.close();
  }
  return path;
}

// `floor audit verify` and `floor status` run in process (tests/helpers/floorInProcess.ts): the same
// command on the same file, without loading the floor anew each time. The floors run as the real CLI.
const verify = (path: string, ...more: string[]) => floorInProcess(["audit", "verify", "--db", path, ...more]);
const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at /);
const DROP_TAIL = `DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq > (SELECT MAX(seq) - 13 FROM audit_log);`;

// Each test runs the CLI a few times: on a loaded machine that takes longer than the default allows.
describe("floor audit verify", { timeout: 120_000 }, () => {
  it("passes an intact floor with every check, exit 0", async () => {
    const r = await verify(copyWith());
    expect(r.stdout).toMatch(/audit log intact: \d+ entries/);
    expect(r.stdout).toMatch(/integrity\s+ok/);
    expect(r.stdout).toMatch(/ledger\s+ok/);
    expect(r.stdout).toMatch(/reconcile\s+ok: \d+ orders, \d+ fills, 0 reversals, \d+ settlements, 1 transfer, 1 deposit/);
    expect(r.code).toBe(0);
    const json = JSON.parse((await verify(copyWith(), "--json")).stdout) as { ok: boolean; checks: Array<{ name: string; ok: boolean }> };
    expect(json.ok).toBe(true);
    expect(json.checks.map((c) => c.name)).toEqual(["integrity", "chain", "anchor", "ledger", "reconcile"]);
  });

  it("catches a deposit raised by $5,000: the ledger's amount against the audited one", async () => {
    const r = await verify(copyWith("UPDATE cash SET delta_micro = delta_micro + 5000000000 WHERE reason = 'deposit'"));
    expect(r.stdout).toMatch(/FAILED reconcile/);
    expect(r.stdout).toMatch(/deposit floor#1 \(cash row \d+ ↔ audit entry \d+\): amount: ledger 15000, audit 10000/);
    expect(r.stdout).not.toMatch(/audit log intact/);
    expect(r.code).toBe(1);
  });

  it("catches one edited audit row and names it: the chain breaks at that entry, exit 1", async () => {
    const r = await verify(copyWith(`DROP TRIGGER audit_log_no_update; UPDATE audit_log SET detail_json = '{"edited":true}' WHERE seq = 7;`));
    expect(r.stdout).toMatch(/FAILED chain: hash chain broken\n\s+- entry 7: content does not match its hash \(6 entries verified before it\)/);
    expect(r.code).toBe(1);
    const json = JSON.parse((await verify(copyWith(`DROP TRIGGER audit_log_no_update; UPDATE audit_log SET detail_json = '{"edited":true}' WHERE seq = 7;`), "--json")).stdout) as { ok: boolean; checks: Array<{ name: string; ok: boolean; summary: string; problems: string[] }> };
    expect(json.ok).toBe(false);
    expect(json.checks.find((c) => c.name === "chain")).toMatchObject({ ok: false });
    expect(JSON.stringify(json.checks.find((c) => c.name === "chain"))).toMatch(/entry 7\b/);
  });

  it("catches corrupted pages with the integrity check, without a crash", async () => {
    const path = copyWith();
    const size = statSync(path).size;
    const fd = openSync(path, "r+");
    writeSync(fd, Buffer.alloc(3000, 0x5a), 0, 3000, Math.floor(size / 2));
    closeSync(fd);
    const r = await verify(path);
    // Which page the garbage lands on depends on the file's layout: one the integrity check reads is
    // reported on stdout, one that opening the file already reads is the same verdict as an error.
    expect(`${r.stdout}\n${r.stderr}`).toMatch(/FAILED integrity: /);
    noStack(r.stderr);
    expect(r.code).toBe(1);
  });

  it("catches the last 13 audit rows deleted, from the anchor in floor meta and in the sidecar", async () => {
    const r = await verify(copyWith(DROP_TAIL));
    expect(r.stdout).toMatch(/FAILED anchor/);
    expect(r.stdout).toMatch(/the audit log ends at entry (\d+) but the anchor in floor meta records \d+ entries: 13 entries after \1 are missing/);
    expect(r.stdout).toMatch(/the audit log ends at entry (\d+) but the anchor in \S+\.anchor records \d+ entries: 13 entries after \1 are missing/);
    expect(r.code).toBe(1);
  });

  it("catches the truncation from the sidecar when the meta anchor is deleted too", async () => {
    const r = await verify(copyWith(`${DROP_TAIL} DELETE FROM floor_meta WHERE key = 'auditAnchor';`));
    expect(r.stdout).toMatch(/floor meta has no audit anchor but \S+\.anchor has one/);
    expect(r.stdout).toMatch(/anchor in \S+\.anchor records \d+ entries: 13 entries after \d+ are missing/);
    expect(r.code).toBe(1);
  });

  it("a floor refuses to carry on from a log that lost its tail (re-anchoring would hide it), exit 1", async () => {
    const path = copyWith(DROP_TAIL);
    const r = await floor(["start", "--until", "3h", "--speed", "max", "--db", path, "--dashboard", "off"]); // past the copy's 2 h: there is something to run
    expect(r.stderr).toMatch(/13 entries after \d+ are missing; the floor will not write to an audit log that lost its tail/);
    noStack(r.stderr);
    expect(r.code).toBe(1);
    expect((await verify(path)).stdout).toMatch(/FAILED anchor/); // the anchors were left as they were
  });

  it("catches a fill whose price was changed", async () => {
    const r = await verify(copyWith("UPDATE fills SET price_micro = price_micro + 10000 WHERE seq = 1"));
    expect(r.stdout).toMatch(/FAILED reconcile/);
    expect(r.stdout).toMatch(/fill \S+ \(fills row 1 ↔ audit entry \d+\): price: ledger (0\.\d+), audit (?!\1)0\.\d+/);
    expect(r.code).toBe(1);
  });

  it("catches a deleted settlement: audited but not in the ledger, and the cash identity broken", async () => {
    const r = await verify(copyWith("DELETE FROM settlements WHERE seq = (SELECT MAX(seq) FROM settlements WHERE payout_micro > 0)"));
    expect(r.stdout).toMatch(/settlement \S+ is in the audit log \(audit entry \d+\) but not in the ledger/);
    expect(r.stdout).toMatch(/FAILED ledger: .*cash = deposits \+ realized pnl − open cost/s);
    expect(r.code).toBe(1);
  });

  it("reports a missing database as one line, exit 1", async () => {
    const r = await verify(tmp.path("nope.db"));
    expect(r.stderr).toMatch(/no floor database at/);
    expect(r.code).toBe(1);
  });
});

describe("floor status", { timeout: 120_000 }, () => {
  it("flags a ledger invariant that does not hold, in text and JSON", async () => {
    const intact = await floorInProcess(["status", "--db", copyWith()]);
    expect(intact.stdout).not.toMatch(/BROKEN/);
    const path = copyWith("UPDATE cash SET delta_micro = delta_micro + 1 WHERE seq = (SELECT MIN(seq) FROM cash WHERE reason = 'fill')");
    const r = await floorInProcess(["status", "--db", path]);
    expect(r.stdout).toMatch(/BROKEN invariant: cash of momentum-1 from fills: journal -\d+\.\d+, fills -\d+\.\d+/);
    expect(r.stdout).toMatch(/BROKEN invariant: floor cash = deposits \+ realized pnl − open cost/);
    const json = JSON.parse((await floorInProcess(["status", "--db", path, "--json"])).stdout) as { invariants: unknown[] };
    expect(json.invariants.length).toBe(2);
  });
});

describe("the audit anchor", () => {
  it("is printed on every status line and kept beside the db; verify beside a running floor finds no truncation", async () => {
    const dir = tmpDir("anchor");
    try {
      writeFileSync(dir.path("floor.yaml"), "statusEverySec: 1\n");
      const path = dir.path("running.db");
      const child = startFloor(["start", "--config", dir.path("floor.yaml"), "--db", path, "--speed", "max", "--dashboard", "off"]);
      const [, count, hash] = await waitForOutput(child, /· audit (\d+)#([0-9a-f]{8})/);
      const sidecar = JSON.parse(readFileSync(`${path}.anchor`, "utf8")) as { count: number; hash: string };
      expect(sidecar.count).toBeGreaterThanOrEqual(Number(count));
      // The floor keeps writing: the head runs ahead of the anchor, which is fine.
      for (let i = 0; i < 2; i++) {
        const r = await verify(path);
        expect(r.stdout).not.toMatch(/FAILED/);
        expect(r.code).toBe(0);
      }
      child.kill("SIGINT");
      const done = await finished(child);
      expect(done.code).toBe(0);
      const last = [...done.stdout.matchAll(/· audit (\d+)#([0-9a-f]{8})/g)].at(-1)!;
      const final = JSON.parse(readFileSync(`${path}.anchor`, "utf8")) as { count: number; hash: string; running: boolean };
      expect([final.count, final.hash.slice(0, 8), final.running]).toEqual([Number(last[1]), last[2], false]);
      expect(hash).toMatch(/^[0-9a-f]{8}$/);
      expect((await verify(path)).code).toBe(0);
      unlinkSync(`${path}.anchor`);
      const r = await verify(path);
      expect(r.stdout).toMatch(/\S+\.anchor is missing but floor meta has an anchor/);
      expect(r.code).toBe(1);
    } finally {
      dir.remove();
    }
  }, 180_000);
});
