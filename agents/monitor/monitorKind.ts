import type { AgentKindDef } from "../../floor/host/index.ts";
import { monitorMachine } from "./monitorMachine.ts";

/** The monitor kind in the registry (agents/kinds.ts): run by the `monitor` role. */
export const monitorKind: AgentKindDef = { kind: "monitor", role: "monitor", machine: monitorMachine };
