import type { LatencyLeg } from "../../../protocols/index.ts";

/** How many intents (and decisions) waiting for their next step are remembered: the oldest are forgotten first. */
export const MAX_WAITING = 10_000;

export type LatencySample = readonly [agentId: string, leg: LatencyLeg, ms: number];

interface Waiting {
  agentId: string;
  /** Floor ts of the market data it reacted to, when it says. */
  tick: number | undefined;
  at: number;
}

function remember(m: Map<string, Waiting>, id: string, w: Waiting): void {
  m.delete(id);
  m.set(id, w);
  if (m.size > MAX_WAITING) m.delete(m.keys().next().value!);
}

/**
 * The times of an order's steps, by intent id: market data (the intent's `tick`), the intent, the
 * boss's decision, the exchange's ack. Each step names the latencies it completes; what waits for
 * a next step is bounded (MAX_WAITING), and a rejected intent or an acked order waits no more.
 */
export class OrderTimes {
  private intents = new Map<string, Waiting>();
  private decided = new Map<string, Waiting>();

  intent(i: { intentId: string; agentId: string; ts: number; tick?: { ts: number } | undefined }): LatencySample[] {
    remember(this.intents, i.intentId, { agentId: i.agentId, tick: i.tick?.ts, at: i.ts });
    return i.tick ? [[i.agentId, "tickToIntent", i.ts - i.tick.ts]] : [];
  }

  decision(d: { ts: number; approved: boolean; intent: { intentId: string; agentId: string; tick?: { ts: number } | undefined } }): LatencySample[] {
    const { intentId, agentId, tick } = d.intent;
    const sent = this.intents.get(intentId);
    this.intents.delete(intentId);
    const out: LatencySample[] = [];
    if (sent) out.push([agentId, "intentToDecision", d.ts - sent.at]);
    if (tick) out.push([agentId, "tickToDecision", d.ts - tick.ts]);
    if (d.approved) remember(this.decided, intentId, { agentId, tick: tick?.ts, at: d.ts });
    return out;
  }

  /** The exchange's ack; any other answer (a reject) only ends the wait. */
  answered(e: { intentId: string; ts: number; type: string }): LatencySample[] {
    const d = this.decided.get(e.intentId);
    if (!d) return [];
    this.decided.delete(e.intentId);
    if (e.type !== "ack") return [];
    const out: LatencySample[] = [[d.agentId, "decisionToAck", e.ts - d.at]];
    if (d.tick !== undefined) out.push([d.agentId, "tickToAck", e.ts - d.tick]);
    return out;
  }

  save(): { intents: Map<string, Waiting>; decided: Map<string, Waiting> } {
    return { intents: new Map(this.intents), decided: new Map(this.decided) };
  }

  restore(s: { intents: Map<string, Waiting>; decided: Map<string, Waiting> }): void {
    this.intents = new Map(s.intents);
    this.decided = new Map(s.decided);
  }
}
