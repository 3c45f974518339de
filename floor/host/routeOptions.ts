import type { SubscribeOptions } from "../bus/Bus.ts";
import type { SeenStore } from "../bus/SeenIds.ts";
import { isStoredSubject } from "../bus/storedSubjects.ts";

/**
 * How an agent's route subscribes: on NATS, a route on a stored subject (`order.>`, `audit.>`,
 * `state.>`) reads it through a durable consumer named `<agent id>.<pattern>`, so the agent
 * catches up on what it missed while its process was down; a second route of the agent on the
 * same pattern gets `#2`, `#3`… (`taken` holds the names given so far). Its `seen` is `seenOf`'s
 * store for that name (AgentHost gives one in its SQLite file, so a redelivery after a crash is
 * not handled again), the bus's memory when absent. Everything else, and every route on the
 * in-process bus, is a plain subscription.
 */
export function routeOptions<S extends SeenStore>(busKind: "local" | "nats", agentId: string, pattern: string, taken: Set<string>, seenOf?: (durable: string) => S): SubscribeOptions & { seen?: S } {
  if (busKind !== "nats" || !isStoredSubject(pattern)) return {};
  let durable = `${agentId}.${pattern}`;
  for (let n = 2; taken.has(durable); n++) durable = `${agentId}.${pattern}#${n}`;
  taken.add(durable);
  return seenOf ? { durable, seen: seenOf(durable) } : { durable };
}
