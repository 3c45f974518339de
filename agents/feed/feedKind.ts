import type { AgentKindDef } from "../../floor/host/index.ts";
import { feedMachine } from "./feedMachine.ts";

/** The feed kind in the registry (agents/kinds.ts): run by the `feed` role. */
export const feedKind: AgentKindDef = { kind: "feed", role: "feed", machine: feedMachine };
