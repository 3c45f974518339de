import type { SubscribeOptions } from "../bus/Bus.ts";
import { isStoredSubject } from "../bus/storedSubjects.ts";

/**
 * How an agent's route subscribes: on NATS, a route on a stored subject (`order.>`, `audit.>`,
 * `state.>`) reads it through a durable consumer named `<agent id>.<pattern>`, so the agent
 * catches up on what it missed while its process was down; a second route of the agent on the
 * same pattern gets `#2`, `#3`… (`taken` holds the names given so far). Everything else, and
 * every route on the in-process bus, is a plain subscription.
 */
export function routeOptions(busKind: "local" | "nats", agentId: string, pattern: string, taken: Set<string>): SubscribeOptions {
  if (busKind !== "nats" || !isStoredSubject(pattern)) return {};
  let durable = `${agentId}.${pattern}`;
  for (let n = 2; taken.has(durable); n++) durable = `${agentId}.${pattern}#${n}`;
  taken.add(durable);
  return { durable };
}
