import type { CtlVerb } from "../../../protocols/index.ts";
import { effectiveMode, VERB_OF } from "./modes.ts";
import type { RiskState } from "./RiskState.ts";

export interface Control {
  agentId: string;
  verb: CtlVerb;
  reason: string;
}

/**
 * The control each living trader needs after the book changed: one whose trading state (the
 * floor's and its own, the more severe) changed is told to pause, reduce or resume. A trader just
 * born (`born`) counts as active before, so it learns a standing pause at once.
 */
export function riskControls(before: RiskState, after: RiskState, born?: string): Control[] {
  const out: Control[] = [];
  const floorChanged = before.floorTrips !== after.floorTrips;
  const ids = floorChanged ? Object.keys(after.streaks) : [...new Set([...Object.keys(after.agentTrips), ...Object.keys(before.agentTrips), ...(born ? [born] : [])])];
  for (const agentId of ids) {
    if (!(agentId in after.streaks)) continue;
    const was = agentId === born || !(agentId in before.streaks) ? "active" : effectiveMode(before, agentId).mode;
    const now = effectiveMode(after, agentId);
    if (now.mode !== was) out.push({ agentId, verb: VERB_OF[now.mode], reason: now.reason ?? "every risk limit is clear again" });
  }
  return out;
}
