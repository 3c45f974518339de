import type { Db } from "../../state/index.ts";
import { invariant, repeated, type InvariantResult } from "./Invariant.ts";
import type { StoredOrders } from "./storedEvents.ts";

/**
 * Every fill the exchange made is in the ledger, once: the fill ids of the `order.event.*` fills the
 * stream kept equal the ledger's fill ids (reversal rows aside), and neither side holds one twice.
 */
export function fillsInLedger(exchange: Db, stored: Pick<StoredOrders, "events">): InvariantResult {
  const onStream = stored.events.flatMap((e) => (e.type === "fill" ? [e.fillId] : []));
  const inLedger = (exchange.prepare("SELECT fill_id FROM fills WHERE reverses IS NULL ORDER BY seq").pluck().all() as string[]);
  const ledgerSet = new Set(inLedger);
  const streamSet = new Set(onStream);
  const problems = [
    ...[...streamSet].filter((id) => !ledgerSet.has(id)).map((id) => `fill ${id} is on the stream but not in the ledger`),
    ...[...ledgerSet].filter((id) => !streamSet.has(id)).map((id) => `fill ${id} is in the ledger but was never published on the stream`),
    ...repeated(onStream).map(([id, n]) => `fill ${id} was published ${n} times on the stream`),
    ...repeated(inLedger).map(([id, n]) => `fill ${id} is in the ledger ${n} times`),
  ];
  return invariant("fills in ledger once", `${streamSet.size} fills on the stream, ${ledgerSet.size} in the ledger`, problems);
}
