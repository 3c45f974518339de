/** The floor's state: one SQLite file (WAL) holding the ledger, registry, snapshots and audit log. */
export { openDb, migrate } from "./openDb.ts";
export type { Db } from "./openDb.ts";
export { MIGRATIONS } from "./migrations.ts";
export { setMeta, getMeta } from "./meta.ts";
export { recordMarketOpen, recordMarketClose, recordMarketResolved } from "./markets.ts";
export { recordOrder, setOrderStatus, recordFill, addCash, transferCash, cashOf, allocatedOf, openCostOf, depositsOf } from "./ledger.ts";
export type { OrderRow, FillRow } from "./ledger.ts";
export { settleMarket } from "./settleMarket.ts";
export type { SettlementRow } from "./settleMarket.ts";
export { registerAgent, setAgentState, recordDeath, listAgents } from "./registry.ts";
export type { AgentRecord } from "./registry.ts";
export { saveSnapshot, loadSnapshot } from "./snapshots.ts";
export { appendAudit, verifyAudit } from "./auditLog.ts";
export type { AuditEntry, AuditVerdict } from "./auditLog.ts";
export { ledgerHash } from "./ledgerHash.ts";
export { readStatus } from "./readStatus.ts";
export type { FloorStatus, AgentStatus } from "./readStatus.ts";
