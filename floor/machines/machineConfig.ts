import type { AnyStateMachine } from "xstate";
import { guardName, named } from "./guardName.ts";

/** A transition as a `createMachine` config writes it. */
export interface TransitionConfig {
  target?: string;
  guard?: string;
  actions?: string[];
}

export interface StateConfig {
  type?: "final" | "parallel";
  initial?: string;
  on?: Record<string, TransitionConfig[]>;
  always?: TransitionConfig[];
  states?: Record<string, StateConfig>;
}

/** The parts of XState's StateNode and TransitionDefinition read here. */
interface Node {
  key: string;
  type: string;
  initial?: { target: ReadonlyArray<{ key: string }> };
  states: Record<string, Node>;
  on: Record<string, ReadonlyArray<Transition>>;
  always?: ReadonlyArray<Transition>;
}
interface Transition {
  target?: ReadonlyArray<{ key: string }>;
  guard?: unknown;
  actions: readonly unknown[];
}

function transition(t: Transition): TransitionConfig {
  const out: TransitionConfig = {};
  if (t.target && t.target.length > 0) out.target = t.target[0]!.key;
  if (t.guard) out.guard = guardName(t.guard);
  const actions = t.actions.map(named);
  if (actions.length > 0) out.actions = actions;
  return out;
}

function node(n: Node): StateConfig {
  const out: StateConfig = {};
  if (n.type === "final" || n.type === "parallel") out.type = n.type;
  const initial = n.initial?.target?.[0];
  if (initial) out.initial = initial.key;
  // Transitions defined on this node only (XState also lists the ones children inherit).
  const on = Object.entries(n.on ?? {}).filter(([event]) => !event.startsWith("xstate."));
  if (on.length > 0) out.on = Object.fromEntries(on.map(([event, ts]) => [event, ts.map(transition)]));
  if (n.always && n.always.length > 0) out.always = n.always.map(transition);
  const children = Object.entries(n.states ?? {});
  if (children.length > 0) out.states = Object.fromEntries(children.map(([k, c]) => [k, node(c)]));
  return out;
}

/**
 * A machine's structure as a plain `createMachine` config (states, events, targets, guard and
 * action names; no code), for the Stately visualiser and for reading.
 */
export function machineConfig(machine: AnyStateMachine): StateConfig & { id: string } {
  return { id: machine.id, ...node(machine.root as unknown as Node) };
}
