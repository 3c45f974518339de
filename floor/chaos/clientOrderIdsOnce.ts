import type { Db } from "../../state/index.ts";
import { invariant, repeated, type InvariantResult } from "./Invariant.ts";
import type { StoredOrders } from "./storedEvents.ts";

/**
 * No client order id twice: each intent id names one order in the ledger, and the boss approved
 * each intent at most once on the stream (a restarted boss or trader must not get an order in twice).
 */
export function clientOrderIdsOnce(exchange: Db, stored: Pick<StoredOrders, "decisions">): InvariantResult {
  const dupOrders = exchange.prepare("SELECT intent_id AS id, COUNT(*) AS n FROM orders GROUP BY intent_id HAVING n > 1 ORDER BY intent_id").all() as Array<{ id: string; n: number }>;
  const approvals = stored.decisions.filter((d) => d.approved);
  const approved = approvals.map((d) => d.intent.intentId);
  // The envelopes tell a message stored twice (one id) from an intent handled twice (two ids, two incarnations).
  const envelopes = (intentId: string) => approvals.filter((d) => d.intent.intentId === intentId).map((d) => `${d.id} at ${new Date(d.ts).toISOString()}`).join(", ");
  const problems = [
    ...dupOrders.map((r) => `intent ${r.id} names ${r.n} orders in the ledger`),
    ...repeated(approved).map(([id, n]) => `intent ${id} was approved ${n} times on the stream (${envelopes(id)})`),
  ];
  const orders = (exchange.prepare("SELECT COUNT(*) AS n FROM orders").get() as { n: number }).n;
  return invariant("client order ids once", `${orders} orders in the ledger, ${approved.length} approvals on the stream`, problems);
}
