import type { ElkExtendedEdge, ElkNode } from "elkjs/lib/elk-api.js";
import type { GraphEdge, GraphState, MachineGraph } from "./machineGraph.ts";
import { EDGE_FONT, STATE_FONT, textWidth } from "./textWidth.ts";

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

export const HEADER = 30; // a parent's name sits in this band above its children
const PAD = 14;
const LABEL_H = 14;
const nodeId = (path: string) => `n:${path}`;
const initialId = (path: string) => `i:${path}`;
const r = (v: number | undefined) => Math.round((v ?? 0) * 10) / 10;

// Top to bottom reads like the lifecycle it is; layered keeps most transitions pointing down.
const LAYERED = {
  "elk.algorithm": "layered",
  "elk.hierarchyHandling": "INCLUDE_CHILDREN",
  "elk.direction": "DOWN",
  "elk.edgeRouting": "ORTHOGONAL",
  "elk.spacing.nodeNode": "28",
  "elk.spacing.edgeLabel": "3",
  "elk.layered.spacing.nodeNodeBetweenLayers": "36",
  "elk.layered.spacing.edgeNodeBetweenLayers": "14",
  // Cycles are broken walking from the initial dot (a source, in the first layer), so the state
  // entered first is drawn at the top and the transitions back to it point up. (Model-order
  // strategies would read better but ELK refuses them in nested graphs laid out with their parent.)
  "elk.layered.cycleBreaking.strategy": "DEPTH_FIRST",
};
// Each subgraph reads its own options even when laid out with its parent, so every parent gets LAYERED.
const OPTIONS = { ...LAYERED, "elk.json.shapeCoords": "ROOT", "elk.json.edgeCoords": "ROOT", "elk.padding": "[top=12,left=12,bottom=12,right=12]" };

function elkNode(s: GraphState): ElkNode {
  const labelW = textWidth(s.key, STATE_FONT) + 28;
  if (s.kind === "history") return { id: nodeId(s.path), width: 30, height: 30 };
  if (s.children.length === 0) return { id: nodeId(s.path), width: Math.max(64, labelW), height: 32 };
  const children = s.children.map(elkNode);
  if (s.initial) children.unshift({ id: initialId(s.path), width: 12, height: 12, layoutOptions: { "elk.layered.layering.layerConstraint": "FIRST" } });
  return {
    id: nodeId(s.path),
    children,
    layoutOptions: { ...LAYERED, "elk.padding": `[top=${HEADER + 6},left=${PAD},bottom=${PAD},right=${PAD}]`, "elk.nodeSize.constraints": "MINIMUM_SIZE", "elk.nodeSize.minimum": `(${labelW}, ${HEADER + 20})` },
  };
}

function* initialEdges(s: GraphState): Generator<ElkExtendedEdge> {
  if (s.initial) yield { id: `ie:${s.path}`, sources: [initialId(s.path)], targets: [nodeId(s.initial)] };
  for (const c of s.children) yield* initialEdges(c);
}

const label = (e: GraphEdge) => ({ id: `l:${e.id}`, text: e.label, width: textWidth(e.label, EDGE_FONT) + 6, height: LABEL_H });

/** The sections of a laid-out edge joined into one polyline, rounded so the output is the same bytes every time. */
function polyline(e: ElkExtendedEdge): Point[] {
  const points = (e.sections ?? []).flatMap((s) => [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]);
  return points.map((p) => ({ x: r(p.x), y: r(p.y) })).filter((p, i, all) => i === 0 || p.x !== all[i - 1]!.x || p.y !== all[i - 1]!.y);
}

const boxOf = (n: { x?: number; y?: number; width?: number; height?: number }): Box => ({ x: r(n.x), y: r(n.y), width: r(n.width), height: r(n.height) });

/** Lays a machine's graph out with elkjs (layered, hierarchical): absolute boxes for every state, polylines for every edge. */
export async function layoutMachine(graph: MachineGraph): Promise<MachineLayout> {
  const elk = new (await loadElk())();
  const edges: ElkExtendedEdge[] = [...initialEdges(graph.root), ...graph.edges.map((e) => ({ id: e.id, sources: [nodeId(e.from)], targets: [nodeId(e.to)], labels: [label(e)] }))];
  const input: ElkNode = { id: "graph", layoutOptions: OPTIONS, children: [elkNode(graph.root)], edges };
  const laid = await elk.layout(input);
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
