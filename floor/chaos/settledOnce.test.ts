import { afterEach, expect, it } from "vitest";
import { chaosLedger, dropConstraints, settleEvent } from "../../tests/helpers/chaosLedger.ts";
import { tmpDir } from "../../tests/helpers/tmp.ts";
import { settledOnce } from "./settledOnce.ts";
import { storedOrders } from "./storedEvents.ts";

const tmp = tmpDir("chaos-settle");
afterEach(() => tmp.remove());

it("a clean file passes; a settlement published twice fails, named", () => {
  const { db, stream } = chaosLedger(tmp.path("exchange.db"));
  expect(settledOnce(db, storedOrders(stream))).toMatchObject({ ok: true, summary: "1 settlements in 1 markets, 1 on the stream" });
  expect(settledOnce(db, storedOrders([...stream, settleEvent("e-s2")])).problems).toEqual(["a was settled in m1 2 times on the stream"]);
  db.close();
});

it("a double settlement in the ledger fails, and a position left in a resolved market", () => {
  const { db, stream } = chaosLedger(tmp.path("exchange.db"));
  dropConstraints(db, "settlements");
  db.prepare("INSERT INTO settlements SELECT seq + 1, agent_id, market_id, winner, up_shares_micro, down_shares_micro, payout_micro, cost_micro, pnl_micro, ts FROM settlements").run();
  db.prepare("INSERT INTO positions VALUES ('a', 'm1', 'Up', 5000000, 2500000)").run();
  expect(settledOnce(db, storedOrders(stream)).problems).toEqual(["a was settled 2 times in m1 (ledger)", "a still holds 5000000 micro-shares of Up in resolved market m1"]);
  db.close();
});
