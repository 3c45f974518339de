import { afterEach, expect, it } from "vitest";
import { chaosLedger, fillEvent } from "../../tests/helpers/chaosLedger.ts";
import { tmpDir } from "../../tests/helpers/tmp.ts";
import { fillsInLedger } from "./fillsInLedger.ts";
import { storedOrders } from "./storedEvents.ts";

const tmp = tmpDir("chaos-fills");
afterEach(() => tmp.remove());

it("a clean file passes: the stream's fills are the ledger's", () => {
  const { db, stream } = chaosLedger(tmp.path("exchange.db"));
  expect(fillsInLedger(db, storedOrders(stream))).toMatchObject({ ok: true, summary: "2 fills on the stream, 2 in the ledger" });
  db.close();
});

it("a fill the exchange published but the ledger lacks fails, and one the stream lacks, and one published twice", () => {
  const { db, stream } = chaosLedger(tmp.path("exchange.db"));
  expect(fillsInLedger(db, storedOrders([...stream, fillEvent(3)])).problems).toEqual(["fill t3@o-1 is on the stream but not in the ledger"]);
  expect(fillsInLedger(db, storedOrders(stream.filter((m) => !m.data.includes("t2@o-1")))).problems).toEqual(["fill t2@o-1 is in the ledger but was never published on the stream"]);
  expect(fillsInLedger(db, storedOrders([...stream, fillEvent(1, "e-again")])).problems).toEqual(["fill t1@o-1 was published 2 times on the stream"]);
  db.close();
});
