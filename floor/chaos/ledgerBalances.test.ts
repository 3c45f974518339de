import { afterEach, expect, it } from "vitest";
import { chaosLedger } from "../../tests/helpers/chaosLedger.ts";
import { tmpDir } from "../../tests/helpers/tmp.ts";
import { ledgerBalances } from "./ledgerBalances.ts";

const tmp = tmpDir("chaos-ledger");
afterEach(() => tmp.remove());

it("a clean file balances; a fill booked without its cash does not, and the agent is named", () => {
  const { db } = chaosLedger(tmp.path("exchange.db"));
  expect(ledgerBalances(db)).toMatchObject({ name: "ledger balances", ok: true, problems: [] });
  db.prepare("DELETE FROM cash WHERE reason = 'fill' AND seq = (SELECT MAX(seq) FROM cash WHERE reason = 'fill')").run();
  const r = ledgerBalances(db);
  expect(r.ok).toBe(false);
  expect(r.problems.join("\n")).toMatch(/cash of a from fills: journal -5, fills -10/);
  db.close();
});
