import { auditorKind } from "./auditor/index.ts";
import { bossKind } from "./boss/index.ts";
import { exchangeKind } from "./exchange/index.ts";
import { feedKind } from "./feed/index.ts";
import { monitorKind } from "./monitor/index.ts";
import { traderKind } from "./trader/index.ts";

/** Every agent kind, one line each: the roles, the machine export and the supervisor read this. */
export const AGENT_KINDS = [feedKind, exchangeKind, traderKind, bossKind, auditorKind, monitorKind] as const;
