import type { AgentKindDef } from "../../floor/host/index.ts";
import { auditorMachine } from "./auditorMachine.ts";

/** The auditor kind in the registry (agents/kinds.ts): run by the `auditor` role. */
export const auditorKind: AgentKindDef = { kind: "auditor", role: "auditor", machine: auditorMachine };
