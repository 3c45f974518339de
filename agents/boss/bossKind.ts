import type { AgentKindDef } from "../../floor/host/index.ts";
import { bossMachine } from "./bossMachine.ts";

/** The boss kind in the registry (agents/kinds.ts): run by the `boss` role. */
export const bossKind: AgentKindDef = { kind: "boss", role: "boss", machine: bossMachine };
