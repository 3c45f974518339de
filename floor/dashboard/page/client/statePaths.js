// Which states of a drawing to mark, from a transition's flattened state (the feed's `to`).

const ancestors = (path) => path.split(".").map((_, i, parts) => parts.slice(0, i + 1).join("."));

/**
 * The drawing's `data-state` paths active in a flattened state (floor/host's stateString: `a.b.c`,
 * parallel regions joined by commas, each region after the first relative to the parallel state,
 * `p.r1.x,r2.y`): each region's state and its ancestors, as activePaths gives them from the value.
 * `paths` is every `data-state` of the drawing; a part it cannot place is left out.
 */
export function activeOf(flat, paths) {
  const out = [];
  for (const part of String(flat).split(",")) {
    let path = paths.has(part) ? part : undefined;
    if (!path) {
      const candidates = [...paths].filter((p) => p.endsWith("." + part));
      path = candidates.find((p) => out.includes(p.slice(0, -part.length - 1))) || candidates[0];
    }
    if (!path) continue;
    for (const a of ancestors(path)) if (paths.has(a) && !out.includes(a)) out.push(a);
  }
  return out;
}

/**
 * The edge a transition took, among the drawing's edges ({event, from, to} from their data-*):
 * its event, declared on a state it was in (or the machine: from ""), to a state it is now in.
 * Failing that, an eventless edge (always, after) that fits; undefined when none does.
 */
export function takenEdge(edges, t, paths) {
  const from = activeOf(t.from, paths);
  const to = activeOf(t.to, paths);
  const fits = (e) => (e.from === "" || from.includes(e.from)) && to.includes(e.to);
  return edges.find((e) => e.event === t.event && fits(e)) || edges.find((e) => (e.kind === "always" || e.kind === "after") && fits(e));
}
