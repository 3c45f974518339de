import type { AgentKindDef } from "../../floor/host/index.ts";
import { exchangeMachine } from "./exchangeMachine.ts";

/** The exchange kind in the registry (agents/kinds.ts): run by the `exchange` role. */
export const exchangeKind: AgentKindDef = { kind: "exchange", role: "exchange", machine: exchangeMachine };
