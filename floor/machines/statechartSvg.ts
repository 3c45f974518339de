import type { LaidEdge, LaidInitial, LaidState, MachineLayout, Point } from "./layoutMachine.ts";
import { HEADER } from "./elkGraph.ts";
import { STATECHART_CSS } from "./statechartCss.ts";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
const safe = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, "_");
const n = (v: number) => String(Math.round(v * 10) / 10);
const d = (ps: Point[]) => ps.map((p, i) => `${i === 0 ? "M" : "L"}${p.x},${p.y}`).join(" ");

/**
 * A stable, document-unique `id` per state: `<machine>--<path with dots as -->`, or `<machine>--root`;
 * pages inline several machines, so every id carries the machine's.
 */
export function stateDomId(machineId: string, path: string): string {
  return `${safe(machineId)}--${path === "" ? "root" : path.split(".").map(safe).join("--")}`;
}

function stateGroup(m: string, s: LaidState, children: string[]): string {
  const { x, y, width: w, height: h } = s.box;
  const parent = children.length > 0;
  const classes = ["state", s.kind, parent && "parent", s.region && "region", s.path === "" && "root"].filter(Boolean).join(" ");
  const shape =
    s.kind === "history"
      ? `<circle cx="${n(x + w / 2)}" cy="${n(y + h / 2)}" r="${n(w / 2)}"/>`
      : `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="8"/>` + (s.kind === "final" ? `<rect x="${n(x + 3)}" y="${n(y + 3)}" width="${n(w - 6)}" height="${n(h - 6)}" rx="6"/>` : "");
  const name = s.kind === "history" ? (s.history === "deep" ? "H*" : "H") : s.key;
  const ty = parent ? y + HEADER / 2 + 5 : y + h / 2 + 4;
  const tx = s.kind === "history" || !parent ? x + w / 2 : x + 12;
  const anchor = tx === x + 12 ? "start" : "middle";
  const kind = s.kind === "parallel" ? `<title>${esc(s.key)}: parallel, its regions run together</title>` : "";
  return `<g class="${classes}" id="${stateDomId(m, s.path)}" data-state="${esc(s.path)}">${kind}${shape}<text class="name" x="${n(tx)}" y="${n(ty)}" text-anchor="${anchor}">${esc(name)}</text>${children.join("")}</g>`;
}

function edge(m: string, e: LaidEdge, arrow: string): string {
  const { x, y, width: w, height: h } = e.labelBox;
  return (
    `<g class="edge ${e.kind}" id="${safe(m)}--${e.id}" data-event="${esc(e.event)}" data-from="${esc(e.from)}" data-to="${esc(e.to)}">` +
    `<path d="${d(e.points)}" marker-end="url(#${arrow})"/><rect class="label" x="${x}" y="${y}" width="${w}" height="${h}" rx="3"/>` +
    `<text x="${n(x + 3)}" y="${n(y + h - 3.5)}">${esc(e.label)}</text></g>`
  );
}

const initial = (i: LaidInitial, arrow: string) =>
  `<g class="initial" data-parent="${esc(i.parent)}" data-to="${esc(i.to)}"><circle cx="${n(i.dot.x + i.dot.width / 2)}" cy="${n(i.dot.y + i.dot.height / 2)}" r="${n(i.dot.width / 2)}"/><path d="${d(i.points)}" marker-end="url(#${arrow})"/></g>`;

/** A self-contained SVG of a laid-out machine: nested state groups (`data-state`), then initial arrows and edges above them. */
export function statechartSvg(layout: MachineLayout): string {
  const m = layout.id;
  const arrow = `${safe(m)}--arrow`;
  const kids = new Map<string, LaidState[]>();
  for (const s of layout.states) if (s.parent !== undefined) kids.set(s.parent, [...(kids.get(s.parent) ?? []), s]);
  const group = (s: LaidState): string => stateGroup(m, s, (kids.get(s.path) ?? []).map(group));
  const root = layout.states.find((s) => s.parent === undefined)!;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="statechart" data-machine="${esc(m)}" viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" height="${layout.height}" role="img" aria-label="${esc(`statechart of ${m}`)}">`,
    `<style>${STATECHART_CSS}</style>`,
    `<defs><marker id="${arrow}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#475569"/></marker></defs>`,
    `<g class="states">${group(root)}</g>`,
    `<g class="initials">${layout.initials.map((i) => initial(i, arrow)).join("")}</g>`,
    `<g class="edges">${layout.edges.map((e) => edge(m, e, arrow)).join("")}</g>`,
    `</svg>`,
    "",
  ].join("\n");
}
