import type { ElkExtendedEdge, ElkNode } from "elkjs/lib/elk-api.js";
import { elkGraph, initialId, nodeId } from "./elkGraph.ts";
import type { GraphEdge, GraphState, MachineGraph } from "./machineGraph.ts";

export interface Point { x: number; y: number }
export interface Box extends Point { width: number; height: number }
export type LaidState = Omit<GraphState, "children"> & { depth: number; parent?: string; box: Box };
export type LaidEdge = GraphEdge & { points: Point[]; labelBox: Box };
/** The dot and arrow marking the child a compound state enters first. */
export interface LaidInitial { parent: string; to: string; dot: Box; points: Point[] }
export interface MachineLayout { id: string; width: number; height: number; states: LaidState[]; edges: LaidEdge[]; initials: LaidInitial[] }

/**
 * elkjs (1.5 MB of JavaScript, ~60 ms to load) is loaded on the first drawing, not by every command
 * that imports this folder. A CommonJS module: under NodeNext its typed default export is `.default`.
 */
const loadElk = async () => (await import("elkjs/lib/elk.bundled.js")).default.default;

const r = (v: number | undefined) => Math.round((v ?? 0) * 10) / 10;

/** The sections of a laid-out edge joined into one polyline, rounded so the output is the same bytes every time. */
function polyline(e: ElkExtendedEdge): Point[] {
  const points = (e.sections ?? []).flatMap((s) => [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]);
  return points.map((p) => ({ x: r(p.x), y: r(p.y) })).filter((p, i, all) => i === 0 || p.x !== all[i - 1]!.x || p.y !== all[i - 1]!.y);
}

const boxOf = (n: { x?: number; y?: number; width?: number; height?: number }): Box => ({ x: r(n.x), y: r(n.y), width: r(n.width), height: r(n.height) });

/** Lays a machine's graph out with elkjs (layered, hierarchical): absolute boxes for every state, polylines for every edge. */
export async function layoutMachine(graph: MachineGraph): Promise<MachineLayout> {
  const elk = new (await loadElk())();
  const laid = await elk.layout(elkGraph(graph));
  const nodes = new Map<string, ElkNode>();
  const index = (n: ElkNode) => (nodes.set(n.id, n), n.children?.forEach(index));
  laid.children?.forEach(index);
  const states: LaidState[] = [];
  const walk = (s: GraphState, depth: number, parent?: string) => {
    const { children, ...rest } = s;
    states.push({ ...rest, depth, ...(parent === undefined ? {} : { parent }), box: boxOf(nodes.get(nodeId(s.path))!) });
    for (const c of children) walk(c, depth + 1, s.path);
  };
  walk(graph.root, 0);
  const byId = new Map((laid.edges ?? []).map((e) => [e.id, e]));
  const laidEdges = graph.edges.map((e) => ({ ...e, points: polyline(byId.get(e.id)!), labelBox: boxOf(byId.get(e.id)!.labels?.[0] ?? {}) }));
  const initials = states.filter((s) => s.initial).map((s) => ({ parent: s.path, to: s.initial!, dot: boxOf(nodes.get(initialId(s.path))!), points: polyline(byId.get(`ie:${s.path}`)!) }));
  return { id: graph.id, width: r(laid.width), height: r(laid.height), states, edges: laidEdges, initials };
}
