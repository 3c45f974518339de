import { describe, expect, it } from "vitest";
import type { AnyStateMachine } from "xstate";
import { exportedMachines } from "./agentMachines.ts";
import { drawMachine } from "./drawMachine.ts";
import { layoutMachine, type Box } from "./layoutMachine.ts";
import { machineConfig, type StateConfig } from "./machineConfig.ts";
import { machineGraph } from "./machineGraph.ts";
import { statechartSvg } from "./statechartSvg.ts";

const MACHINES = exportedMachines();
const attrs = (svg: string, tag: string) => [...svg.matchAll(new RegExp(`<g class="${tag} [^"]*"[^>]*>`, "g"))].map((m) => Object.fromEntries([...m[0].matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!])));

/** Every state path and every `on`/`always` transition, read from the machine's config (not from xstate/graph). */
function expected(c: StateConfig, prefix = "", paths: string[] = [], edges: string[] = []) {
  const at = (k: string) => (prefix === "" ? k : `${prefix}.${k}`);
  const add = (event: string, ts: Array<{ target?: string }>) => ts.forEach((t) => edges.push(`${prefix}|${event}|${t.target ?? prefix.split(".").pop() ?? ""}`));
  for (const [event, ts] of Object.entries(c.on ?? {})) add(event, ts);
  add("always", c.always ?? []);
  for (const [k, s] of Object.entries(c.states ?? {})) (paths.push(at(k)), expected(s, at(k), paths, edges));
  return { paths, edges };
}

const inside = (c: Box, p: Box) => c.x >= p.x && c.y >= p.y && c.x + c.width <= p.x + p.width && c.y + c.height <= p.y + p.height;
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe("drawMachine on every registered machine", () => {
  it("covers the registry: the agent kinds and the order", () => {
    expect(Object.keys(MACHINES).sort()).toEqual(["auditor", "boss", "exchange", "feed", "monitor", "order", "trader"]);
  });
  for (const [kind, machine] of Object.entries(MACHINES)) {
    it(`${kind}: every state once, every transition as an edge`, async () => {
      const { svg, states, transitions } = await drawMachine(machine);
      const want = expected(machineConfig(machine));
      const drawn = attrs(svg, "state").map((a) => a["data-state"]);
      expect(drawn.filter((p) => p !== "").sort()).toEqual([...want.paths].sort());
      expect(drawn.filter((p) => p === "")).toHaveLength(1); // the machine itself, around the rest
      expect(states.sort()).toEqual([...want.paths].sort());
      // A config names a target by its key; an edge by its path from the root.
      const edges = attrs(svg, "edge").map((a) => `${a["data-from"]}|${a["data-event"]}|${a["data-to"]!.split(".").pop()}`);
      expect(edges.sort()).toEqual([...want.edges].sort());
      expect(transitions.map((t) => `${t.from}|${t.event}|${t.to.split(".").pop()}`).sort()).toEqual([...want.edges].sort());
      expect(svg).not.toMatch(/<script|href=|url\((?!#)/); // self-contained
    });
    it(`${kind}: each state inside its parent, no two siblings overlapping`, async () => {
      const layout = await layoutMachine(machineGraph(machine));
      const box = new Map(layout.states.map((s) => [s.path, s.box]));
      for (const s of layout.states) {
        if (s.parent === undefined) continue;
        expect(inside(s.box, box.get(s.parent)!), `${s.path} inside ${s.parent || "(root)"}`).toBe(true);
        for (const t of layout.states) if (t !== s && t.parent === s.parent) expect(overlap(s.box, t.box), `${s.path} / ${t.path}`).toBe(false);
      }
      for (const s of layout.states) expect(s.box.width * s.box.height).toBeGreaterThan(0);
    });
  }
});

describe("drawMachine output", () => {
  it("is the same bytes every time, cached or not", async () => {
    const m: AnyStateMachine = MACHINES.order!;
    const a = statechartSvg(await layoutMachine(machineGraph(m)));
    const b = statechartSvg(await layoutMachine(machineGraph(m)));
    expect(b).toBe(a);
    expect((await drawMachine(m)).svg).toBe(a);
    expect(drawMachine(m)).toBe(drawMachine(m));
  });
});
