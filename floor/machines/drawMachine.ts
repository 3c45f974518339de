import type { AnyStateMachine } from "xstate";
import { layoutMachine } from "./layoutMachine.ts";
import { machineGraph } from "./machineGraph.ts";
import { statechartSvg } from "./statechartSvg.ts";

export interface MachineDrawing {
  /** A self-contained SVG (see statechartCss.ts for the `active` hook). */
  svg: string;
  /** Every state's dotted path, root excluded, parents before children. */
  states: string[];
  /** Every transition, one per target; `from`/`to` "" is the machine itself (a transition declared on its root). */
  transitions: Array<{ from: string; to: string; event: string }>;
}

// A machine's definition never changes, and laying one out takes elkjs tens of milliseconds.
const drawn = new WeakMap<AnyStateMachine, Promise<MachineDrawing>>();

/** Draws a machine as a statechart: xstate/graph's nodes and edges, laid out by elkjs, as an SVG. */
export function drawMachine(machine: AnyStateMachine): Promise<MachineDrawing> {
  let d = drawn.get(machine);
  if (!d) {
    d = draw(machine);
    drawn.set(machine, d);
    d.catch(() => drawn.delete(machine));
  }
  return d;
}

async function draw(machine: AnyStateMachine): Promise<MachineDrawing> {
  const graph = machineGraph(machine);
  const layout = await layoutMachine(graph);
  return {
    svg: statechartSvg(layout),
    states: layout.states.filter((s) => s.path !== "").map((s) => s.path),
    transitions: graph.edges.map(({ from, to, event }) => ({ from, to, event })),
  };
}
