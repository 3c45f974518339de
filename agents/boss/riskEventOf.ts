import type { OrderEvent } from "../../protocols/index.ts";
import type { RiskEvent } from "./breakers/index.ts";

type Reading = (e: OrderEvent, now: number, alive: (agentId: string) => boolean) => RiskEvent;

/** What each kind of order event tells the risk book: a settlement's PnL, or an exchange answer (an error or not). */
const READINGS: Partial<Record<OrderEvent["type"], Reading>> = {
  settle: (e, now, alive) => ({ type: "settled", agentId: e.agentId, pnl: e.type === "settle" ? e.pnl : 0, alive: alive(e.agentId), now }),
  ack: (_e, now) => ({ type: "answered", error: false, now }),
  reject: (_e, now) => ({ type: "answered", error: true, now }),
  // A fill the venue reported, then failed on chain.
  reversal: (_e, now) => ({ type: "answered", error: true, now }),
};

/** The risk event an order event makes, if any (fills and cancels move no breaker). */
export function riskEventOf(e: OrderEvent, now: number, alive: (agentId: string) => boolean): RiskEvent | undefined {
  return READINGS[e.type]?.(e, now, alive);
}
