// One agent's statechart: the drawing from /api/agents/:id/machine, its current state marked
// (class `active`), moved on each transition the stream brings, the edge taken lit for a moment.
import { getJson } from "./api.js";
import { byId, clock, el } from "./format.js";
import { activeOf, takenEdge } from "./statePaths.js";

const TAKEN_MS = 2000;
const KEEP = 50;
let open = null;

function mark(paths) {
  for (const g of byId("chart").querySelectorAll("g.state.active")) g.classList.remove("active");
  for (const p of paths) byId("chart").querySelector(`g.state[data-state="${CSS.escape(p)}"]`)?.classList.add("active");
}

function light(t) {
  const edges = [...byId("chart").querySelectorAll("g.edge")].map((g) => ({ g, event: g.dataset.event, from: g.dataset.from, to: g.dataset.to, kind: g.classList[1] }));
  const e = takenEdge(edges, t, open.paths);
  for (const g of byId("chart").querySelectorAll("g.edge.taken")) g.classList.remove("taken");
  if (!e) return;
  e.g.classList.add("taken");
  clearTimeout(open.unlight);
  open.unlight = setTimeout(() => e.g.classList.remove("taken"), TAKEN_MS);
}

const item = (t) => el("li", {}, `${clock(t.ts)} ${t.event}: ${t.from} → ${t.to}`);

/** Open an agent's statechart (replacing any other). */
export async function openMachine(id) {
  byId("machine").hidden = false;
  byId("machine-title").textContent = id;
  byId("machine-state").textContent = "loading…";
  open = { id, paths: new Set() };
  const mine = open;
  let m;
  try {
    m = await getJson(`/api/agents/${encodeURIComponent(id)}/machine`);
  } catch (e) {
    byId("chart").replaceChildren(el("p", { class: "down" }, e.message));
    byId("machine-state").textContent = "";
    return;
  }
  if (open !== mine) return;
  // The floor's own drawing (drawMachine escapes every name); its <style> is allowed by hash in the page's CSP.
  byId("chart").innerHTML = m.drawing;
  open.paths = new Set([...byId("chart").querySelectorAll("g.state[data-state]")].map((g) => g.dataset.state));
  mark(m.active);
  byId("machine-state").textContent = `${m.kind} · machine ${m.version} · ${m.state}`;
  byId("transitions").replaceChildren(...m.transitions.slice(-KEEP).reverse().map(item));
  byId("chart").dataset.agent = id;
}

export function closeMachine() {
  open = null;
  byId("machine").hidden = true;
  byId("chart").replaceChildren();
}

export const openAgent = () => open?.id ?? null;

/** A transition from the stream: when it is the open agent's, move the marks and list it. */
export function onTransition(t) {
  if (!open || t.agentId !== open.id || open.paths.size === 0) return;
  mark(activeOf(t.to, open.paths));
  light(t);
  byId("machine-state").textContent = byId("machine-state").textContent.replace(/ · [^·]*$/, ` · ${t.to}`);
  const list = byId("transitions");
  list.prepend(item(t));
  while (list.children.length > KEEP) list.lastElementChild.remove();
}
