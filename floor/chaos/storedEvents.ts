import { OrderDecision, OrderEvent } from "../../protocols/index.ts";

/** A message the floor's stream kept: its subject (without the bus prefix) and JSON body. */
export interface StoredMsg {
  readonly subject: string;
  readonly data: string;
}

/** The stream's order decisions and order events, parsed; what does not parse is counted by subject. */
export interface StoredOrders {
  decisions: OrderDecision[];
  events: OrderEvent[];
  unreadable: string[];
}

/** Parse `order.decision.*` and `order.event.*` messages (others are ignored). */
export function storedOrders(msgs: Iterable<StoredMsg>): StoredOrders {
  const out: StoredOrders = { decisions: [], events: [], unreadable: [] };
  for (const m of msgs) {
    const kind = m.subject.startsWith("order.decision.") ? "decision" : m.subject.startsWith("order.event.") ? "event" : undefined;
    if (!kind) continue;
    let body: unknown;
    try {
      body = JSON.parse(m.data);
    } catch {
      out.unreadable.push(m.subject);
      continue;
    }
    const parsed = kind === "decision" ? OrderDecision.safeParse(body) : OrderEvent.safeParse(body);
    if (!parsed.success) out.unreadable.push(m.subject);
    else if (kind === "decision") out.decisions.push(parsed.data as OrderDecision);
    else out.events.push(parsed.data as OrderEvent);
  }
  return out;
}
