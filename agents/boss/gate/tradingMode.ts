import type { Exposure, GateIntent, GateState, ModeOf } from "./Exposure.ts";

/** A sell of shares the agent holds takes risk off: the one order that passes while reducing or halted. */
export const reducesExposure = (i: Pick<GateIntent, "side" | "size">, x: Pick<Exposure, "heldShares">) => i.side === "SELL" && i.size <= x.heldShares;

const blocked = (who: string, m: ModeOf) => `${who} ${m.mode}${m.reason ? ` (${m.reason})` : ""}: only sells of shares held pass`;

/** The floor's and the agent's trading state: anything but active lets only exposure-reducing sells through. */
export function tradingMode(i: GateIntent, x: Exposure, s: GateState): string | undefined {
  if (reducesExposure(i, x)) return undefined;
  if (s.floor.mode !== "active") return blocked("floor", s.floor);
  if (s.agent.mode !== "active") return blocked("agent", s.agent);
  return undefined;
}
