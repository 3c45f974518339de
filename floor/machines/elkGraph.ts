import type { ElkExtendedEdge, ElkNode } from "elkjs/lib/elk-api.js";
import type { GraphEdge, GraphState, MachineGraph } from "./machineGraph.ts";
import { EDGE_FONT, STATE_FONT, textWidth } from "./textWidth.ts";

export const HEADER = 30; // a parent's name sits in this band above its children
const PAD = 14;
const LABEL_H = 14;
export const nodeId = (path: string) => `n:${path}`;
export const initialId = (path: string) => `i:${path}`;

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

/**
 * A machine's graph as ELK's input: a node per state (a leaf sized from its name; a parent sized by
 * its children, with a band for its name), a dot per initial state, and an edge per transition with
 * its label's size. The machine itself is the one child of the top graph, so it is drawn as a box.
 */
export function elkGraph(graph: MachineGraph): ElkNode {
  const edges = [...initialEdges(graph.root), ...graph.edges.map((e) => ({ id: e.id, sources: [nodeId(e.from)], targets: [nodeId(e.to)], labels: [label(e)] }))];
  return { id: "graph", layoutOptions: OPTIONS, children: [elkNode(graph.root)], edges };
}
