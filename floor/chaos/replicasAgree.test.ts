import { copyFileSync } from "node:fs";
import { afterEach, expect, it } from "vitest";
import { openDb } from "../../state/index.ts";
import { chaosLedger } from "../../tests/helpers/chaosLedger.ts";
import { tmpDir } from "../../tests/helpers/tmp.ts";
import { replicasAgree } from "./replicasAgree.ts";

const tmp = tmpDir("chaos-replicas");
afterEach(() => tmp.remove());

it("equal files agree; a replica whose ledger diverged is named, and one that refused a journal row", () => {
  const { db } = chaosLedger(tmp.path("exchange.db"));
  db.pragma("wal_checkpoint(TRUNCATE)");
  copyFileSync(tmp.path("exchange.db"), tmp.path("boss.db"));
  copyFileSync(tmp.path("exchange.db"), tmp.path("monitor.db"));
  const boss = openDb(tmp.path("boss.db"));
  const monitor = openDb(tmp.path("monitor.db"));
  const files = [{ role: "exchange", db }, { role: "boss", db: boss }, { role: "monitor", db: monitor }];
  expect(replicasAgree(files, "exchange")).toMatchObject({ ok: true, problems: [] });
  monitor.prepare("UPDATE cash SET delta_micro = delta_micro + 1 WHERE seq = 1").run();
  const r = replicasAgree(files, "exchange");
  expect(r.ok).toBe(false);
  expect(r.problems).toHaveLength(1);
  expect(r.problems[0]).toMatch(/^the monitor file's ledger hash \w{12} differs from the exchange's \w{12}$/);
  expect(r.summary).toMatch(/^3 files, 2 different ledger hashes$/);
  // The exchange's is the ledger of record, however many files agree with each other.
  expect(replicasAgree(files, "monitor").problems.map((p) => p.slice(0, 14))).toEqual(["the exchange f", "the boss file'"]);
  monitor.prepare("UPDATE cash SET delta_micro = delta_micro - 1 WHERE seq = 1").run();
  expect(replicasAgree(files, "exchange").ok).toBe(true);
  boss.prepare("INSERT INTO journal_in (source, seq, conflicts) VALUES ('monitor', 88, 1)").run();
  expect(replicasAgree(files, "exchange").problems).toEqual(["the boss file has 0 gap(s) and 1 refused row(s) in the monitor journal"]);
  for (const d of [db, boss, monitor]) d.close();
});
