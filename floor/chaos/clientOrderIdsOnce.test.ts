import { afterEach, expect, it } from "vitest";
import { approval, chaosLedger, dropConstraints } from "../../tests/helpers/chaosLedger.ts";
import { tmpDir } from "../../tests/helpers/tmp.ts";
import { clientOrderIdsOnce } from "./clientOrderIdsOnce.ts";
import { storedOrders } from "./storedEvents.ts";

const tmp = tmpDir("chaos-intents");
afterEach(() => tmp.remove());

it("a clean file passes; an intent approved twice on the stream fails, named", () => {
  const { db, stream } = chaosLedger(tmp.path("exchange.db"));
  expect(clientOrderIdsOnce(db, storedOrders(stream))).toMatchObject({ ok: true, summary: "1 orders in the ledger, 1 approvals on the stream" });
  const r = clientOrderIdsOnce(db, storedOrders([...stream, approval("d2")]));
  expect(r).toMatchObject({ ok: false, problems: [expect.stringMatching(/^intent a-1 was approved 2 times on the stream \(d1 at .+, d2 at .+\)$/)] });
  db.close();
});

it("a planted duplicate client order id in the ledger fails, named", () => {
  const { db, stream } = chaosLedger(tmp.path("exchange.db"));
  dropConstraints(db, "orders");
  db.exec("CREATE TEMP TABLE o2 AS SELECT * FROM orders; UPDATE o2 SET seq = seq + 1, order_id = 'o-2'; INSERT INTO orders SELECT * FROM o2;");
  expect(clientOrderIdsOnce(db, storedOrders(stream))).toMatchObject({ ok: false, problems: ["intent a-1 names 2 orders in the ledger"] });
  db.close();
});
