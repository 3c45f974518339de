import type { Db } from "../../state/index.ts";
import { invariant, repeated, type InvariantResult } from "./Invariant.ts";
import type { StoredOrders } from "./storedEvents.ts";

/**
 * Every market is settled once: no (agent, market) settled twice in the ledger or on the stream,
 * every settlement the stream announced is in the ledger, and no position is left in a resolved market.
 */
export function settledOnce(exchange: Db, stored: Pick<StoredOrders, "events">): InvariantResult {
  const twice = exchange.prepare("SELECT agent_id AS a, market_id AS m, COUNT(*) AS n FROM settlements GROUP BY agent_id, market_id HAVING n > 1 ORDER BY a, m").all() as Array<{ a: string; m: string; n: number }>;
  const left = exchange.prepare("SELECT p.agent_id AS a, p.market_id AS m, p.outcome AS o, p.shares_micro AS s FROM positions p JOIN markets k ON k.market_id = p.market_id WHERE k.outcome IS NOT NULL ORDER BY a, m, o").all() as Array<{ a: string; m: string; o: string; s: number }>;
  const booked = new Set((exchange.prepare("SELECT agent_id || ' ' || market_id FROM settlements").pluck().all() as string[]));
  const onStream = stored.events.flatMap((e) => (e.type === "settle" ? [`${e.agentId} ${e.marketId}`] : []));
  const problems = [
    ...twice.map((r) => `${r.a} was settled ${r.n} times in ${r.m} (ledger)`),
    ...repeated(onStream).map(([k, n]) => `${k.replace(" ", " was settled in ")} ${n} times on the stream`),
    ...[...new Set(onStream)].filter((k) => !booked.has(k)).map((k) => `settlement of ${k.replace(" ", " in ")} is on the stream but not in the ledger`),
    ...left.map((r) => `${r.a} still holds ${r.s} micro-shares of ${r.o} in resolved market ${r.m}`),
  ];
  const markets = (exchange.prepare("SELECT COUNT(DISTINCT market_id) AS n FROM settlements").get() as { n: number }).n;
  return invariant("markets settled once", `${booked.size} settlements in ${markets} markets, ${onStream.length} on the stream`, problems);
}
