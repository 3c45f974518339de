import type { AnyStateMachine, AnyStateNode } from "xstate";
import { toDirectedGraph, type DirectedGraphNode } from "xstate/graph";
import { edgeLabel, type EdgeKind } from "./edgeLabel.ts";
import { guardName } from "./guardName.ts";

export type StateKind = "atomic" | "compound" | "parallel" | "final" | "history";

/** A state node: `path` is dotted from the root (`trading.entered`; the root's is ""). */
export interface GraphState {
  path: string;
  key: string;
  kind: StateKind;
  /** A region of a parallel state: entered with its siblings, so it has no initial arrow into it. */
  region: boolean;
  /** The path of the child entered first (compound states only). */
  initial?: string;
  history?: "shallow" | "deep";
  children: GraphState[];
}

/** One transition to one target; a targetless transition (actions only) is a self-loop on its source. */
export interface GraphEdge {
  id: string;
  from: string;
  to: string;
  /** XState's event type, or "always" for an eventless transition. */
  event: string;
  kind: EdgeKind;
  guard?: string;
  /** What the drawing shows: `ORDER [withinLimit]`, `always [ready]`, `after 5s`. */
  label: string;
}

export interface MachineGraph {
  id: string;
  root: GraphState;
  edges: GraphEdge[];
}

const pathOf = (n: AnyStateNode): string => n.path.join(".");

function state(g: DirectedGraphNode, region: boolean): GraphState {
  const n = g.stateNode;
  const out: GraphState = { path: pathOf(n), key: n.key, kind: n.type, region, children: g.children.map((c) => state(c, n.type === "parallel")) };
  const initial = n.type === "compound" ? n.initial?.target?.[0] : undefined;
  if (initial) out.initial = pathOf(initial);
  if (n.type === "history") out.history = n.history === "deep" ? "deep" : "shallow";
  return out;
}

/** The transitions a node declares (`toDirectedGraph` leaves out the eventless ones, so they are added here). */
function* declared(g: DirectedGraphNode): Generator<{ source: AnyStateNode; target: AnyStateNode; eventType: string; guard: unknown; delay: unknown }> {
  for (const e of g.edges) yield { source: e.source, target: e.target, eventType: e.transition.eventType, guard: e.transition.guard, delay: (e.transition as { delay?: unknown }).delay };
  for (const t of g.stateNode.always ?? []) for (const target of t.target ?? [g.stateNode]) yield { source: g.stateNode, target, eventType: "", guard: t.guard, delay: undefined };
  for (const c of g.children) yield* declared(c);
}

/** A machine's states, nested as declared, and every transition, from XState's own `toDirectedGraph`. */
export function machineGraph(machine: AnyStateMachine): MachineGraph {
  const g = toDirectedGraph(machine);
  const edges = [...declared(g)].map((e, i): GraphEdge => {
    const guard = e.guard ? guardName(e.guard) : undefined;
    const delay = typeof e.delay === "number" || typeof e.delay === "string" ? e.delay : undefined;
    const { kind, text } = edgeLabel(e.eventType, guard, delay);
    const edge: GraphEdge = { id: `e${i}`, from: pathOf(e.source), to: pathOf(e.target), event: e.eventType === "" ? "always" : e.eventType, kind, label: text };
    if (guard) edge.guard = guard;
    return edge;
  });
  return { id: machine.id, root: state(g, false), edges };
}
