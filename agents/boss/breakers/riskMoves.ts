import type { RiskConfig } from "../../../protocols/index.ts";
import { effectiveMode } from "./modes.ts";
import type { RiskEvent } from "./RiskEvent.ts";
import type { RiskState } from "./RiskState.ts";
import { stepRisk } from "./stepRisk.ts";

/**
 * Whether an event is news to the boss's actor: it moves the risk book, or it is a trader born into
 * a standing pause (who must be told). Floor time passing mostly is not, and the boss asks this
 * before sending it: an actor event that selects no transition is most of a step's cost otherwise.
 */
export const riskMoves = (book: RiskState, e: RiskEvent, r: RiskConfig): boolean =>
  stepRisk(book, e, r).state !== book || (e.type === "born" && effectiveMode(book, e.agentId).mode !== "active");
