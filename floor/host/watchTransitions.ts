import type { InspectionEvent, Observer, StateValue } from "xstate";
import { stateString } from "./stateString.ts";

/** One change of an agent's state: at floor time `ts`, event `event` took it from `from` to `to`. */
export interface AgentTransition {
  agentId: string;
  ts: number;
  event: string;
  from: string;
  to: string;
}

type Inspect = Observer<InspectionEvent> | ((event: InspectionEvent) => void);

/**
 * The inspection observer of one agent's actor that reports its state changes to `report`,
 * beside the one it was given (`--inspect`'s). Only the root actor's snapshots count (not an
 * invoked child's); a snapshot whose state value is the same object as the last one's costs one
 * comparison. Given to an actor only when someone listens (the dashboard): without a listener
 * the host makes its actors as before, with no inspection at all.
 */
export function watchTransitions(agentId: string, now: () => number, report: (t: AgentTransition) => void, also?: Inspect): Inspect {
  let value: StateValue | undefined;
  let state: string | undefined;
  const next = typeof also === "function" ? also : also?.next?.bind(also);
  return (e: InspectionEvent) => {
    next?.(e);
    if (e.type !== "@xstate.snapshot" || e.actorRef.sessionId !== e.rootId) return;
    const v = (e.snapshot as { value?: StateValue }).value;
    if (v === undefined || v === value) return;
    value = v;
    const to = stateString(v);
    const from = state;
    state = to;
    if (from !== undefined && from !== to) report({ agentId, ts: now(), event: e.event.type, from, to });
  };
}
