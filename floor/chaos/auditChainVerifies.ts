import type { Db } from "../../state/index.ts";
import { verifyFloor } from "../../state/verifyFloor.ts";
import { invariant, type InvariantResult } from "./Invariant.ts";

/** The audit chain verifies: `floor audit verify` (verifyFloor) on the auditor's file, every check ok. */
export function auditChainVerifies(auditor: Db, path: string): InvariantResult {
  const v = verifyFloor(auditor, path);
  const problems = v.checks.flatMap((c) => (c.ok ? [] : c.problems.length > 0 ? c.problems.map((p) => `${c.name}: ${p}`) : [`${c.name}: ${c.summary}`]));
  return invariant("audit chain verifies", `${v.entries} audit entries; ${v.checks.map((c) => `${c.name} ${c.ok ? "ok" : "FAILED"}`).join(", ")}`, problems);
}
