import { roleResume } from "../checkpoint/index.ts";
import { catalog } from "../host/index.ts";
import type { Role } from "./floorAgents.ts";
import type { FloorProcess } from "./FloorProcess.ts";
import { roleStepping } from "./roleStepping.ts";

/** The process of one role of a floor split over processes (`floor start --role`): its own file, the state journal, the clock over the bus. */
export function roleProcess(role: Role): FloorProcess {
  return {
    journal: true,
    // Recovery at start compares a file's ledger with its audit log. In a split floor these are replicas
    // that catch up only after the start (the exchange's journal, the auditor's durable consumers), so
    // a comparison then would invent lost or unbooked facts: no role records any, and the others never
    // write the auditor's chain anyway (floor/replica/roleTables.ts).
    recover: false,
    // The audit chain is the auditor's alone: another role's process logs what the server refused.
    auditsBus: role === "auditor",
    listens: () => catalog().kinds.some((k) => k.file && k.role === role),
    resume: (db, o) => roleResume(db, { mode: o.mode, simStart: o.simStart }),
    stepping: (o) => roleStepping({ ...o, role }),
  };
}
