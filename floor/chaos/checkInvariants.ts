import { join } from "node:path";
import { openDb, type Db } from "../../state/index.ts";
import { NatsBus } from "../bus/index.ts";
import { auditChainVerifies } from "./auditChainVerifies.ts";
import type { ChaosCounts } from "./ChaosReport.ts";
import { CHAOS_ROLES, type ChaosRole } from "./chaosSchedule.ts";
import { clientOrderIdsOnce } from "./clientOrderIdsOnce.ts";
import { fillsInLedger } from "./fillsInLedger.ts";
import type { InvariantResult } from "./Invariant.ts";
import { ledgerBalances } from "./ledgerBalances.ts";
import { replicasAgree } from "./replicasAgree.ts";
import { settledOnce } from "./settledOnce.ts";
import { storedOrders, type StoredMsg } from "./storedEvents.ts";

/** Where a role's file is in a chaos run's folder. */
export const roleDb = (dir: string, role: string) => join(dir, `${role}.db`);

/** The `order.>` messages the floor's stream kept, read through a bus under the run's prefix. */
export async function readStoredOrders(url: string, prefix: string): Promise<StoredMsg[]> {
  const bus = await NatsBus.connect({ url, prefix, name: "polyfloor-chaos-check" });
  try {
    return await bus.streamMessages("order.>");
  } finally {
    await bus.close();
  }
}

const count = (db: Db, sql: string) => (db.prepare(sql).get() as { n: number }).n;

/** Every invariant over the six role files (read-only) and what the stream kept, with the run's counts. */
export function checkInvariants(dir: string, stream: readonly StoredMsg[]): { invariants: InvariantResult[]; counts: ChaosCounts } {
  const dbs = new Map<ChaosRole, Db>(CHAOS_ROLES.map((r) => [r, openDb(roleDb(dir, r), { readonly: true })]));
  try {
    const exchange = dbs.get("exchange")!;
    const auditor = dbs.get("auditor")!;
    const stored = storedOrders(stream);
    const invariants = [
      ledgerBalances(exchange),
      clientOrderIdsOnce(exchange, stored),
      fillsInLedger(exchange, stored),
      settledOnce(exchange, stored),
      auditChainVerifies(auditor, roleDb(dir, "auditor")),
      replicasAgree([...dbs].map(([role, db]) => ({ role, db })), "exchange"),
    ];
    if (stored.unreadable.length > 0) invariants[1]!.problems.push(`${stored.unreadable.length} stored order messages do not parse (first on ${stored.unreadable[0]})`);
    const counts: ChaosCounts = {
      orders: count(exchange, "SELECT COUNT(*) AS n FROM orders"),
      fills: count(exchange, "SELECT COUNT(*) AS n FROM fills"),
      marketsSettled: count(exchange, "SELECT COUNT(DISTINCT market_id) AS n FROM settlements"),
      settlements: count(exchange, "SELECT COUNT(*) AS n FROM settlements"),
      auditEntries: count(auditor, "SELECT COUNT(*) AS n FROM audit_log"),
      storedOrderMessages: stream.length,
    };
    return { invariants: invariants.map((i) => ({ ...i, ok: i.problems.length === 0 })), counts };
  } finally {
    for (const db of dbs.values()) db.close();
  }
}
