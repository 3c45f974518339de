import type { z } from "zod";
import { AgentLifecycle, AuditFact, Control, Heartbeat, Metrics } from "./messages/control.ts";
import { BookSnapshot, FeedHealth, MarketEvent, SpotTick, TradePrint } from "./messages/md.ts";
import { OrderDecision, OrderEvent, OrderIntent } from "./messages/order.ts";

/** Subject family (token count and leading tokens) -> schema of its messages. */
const FAMILIES: ReadonlyArray<{ prefix: string; tokens: number; schema: z.ZodType }> = [
  { prefix: "md.spot.", tokens: 3, schema: SpotTick },
  { prefix: "md.book.", tokens: 3, schema: BookSnapshot },
  { prefix: "md.trade.", tokens: 3, schema: TradePrint },
  { prefix: "md.market.", tokens: 4, schema: MarketEvent },
  { prefix: "md.health.", tokens: 3, schema: FeedHealth },
  { prefix: "order.intent.", tokens: 3, schema: OrderIntent },
  { prefix: "order.decision.", tokens: 3, schema: OrderDecision },
  { prefix: "order.event.", tokens: 3, schema: OrderEvent },
  { prefix: "ctl.", tokens: 3, schema: Control },
  { prefix: "floor.agent.", tokens: 3, schema: AgentLifecycle },
  { prefix: "hb.", tokens: 2, schema: Heartbeat },
  { prefix: "metrics.", tokens: 2, schema: Metrics },
  { prefix: "audit.", tokens: 2, schema: AuditFact },
];

/** The schema for messages on `subject`, or undefined when the subject is not the floor's. */
export function schemaFor(subject: string): z.ZodType | undefined {
  const tokens = subject.split(".").length;
  return FAMILIES.find((f) => subject.startsWith(f.prefix) && tokens === f.tokens)?.schema;
}
