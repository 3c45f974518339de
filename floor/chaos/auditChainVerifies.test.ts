import { afterEach, expect, it } from "vitest";
import { chaosLedger } from "../../tests/helpers/chaosLedger.ts";
import { tmpDir } from "../../tests/helpers/tmp.ts";
import { auditChainVerifies } from "./auditChainVerifies.ts";

const tmp = tmpDir("chaos-audit");
afterEach(() => tmp.remove());

it("a clean file verifies; an edited audit row breaks the chain at that row", () => {
  const path = tmp.path("auditor.db");
  const { db } = chaosLedger(path);
  expect(auditChainVerifies(db, path)).toMatchObject({ ok: true, problems: [] });
  db.exec("DROP TRIGGER audit_log_no_update");
  db.prepare(`UPDATE audit_log SET detail_json = replace(detail_json, '10000000', '11000000') WHERE kind = 'order_fill' AND seq = (SELECT MIN(seq) FROM audit_log WHERE kind = 'order_fill')`).run();
  const r = auditChainVerifies(db, path);
  expect(r.ok).toBe(false);
  expect(r.problems[0]).toMatch(/^chain: entry 4: /);
  db.close();
});
