/**
 * The drawing's stylesheet, inside the SVG so the file stands alone. The hook for a page: add class
 * `active` to the `g.state` groups whose `data-state` is in `activePaths(snapshot.value)` (the current
 * state and its ancestors), and optionally `taken` to the `g.edge` of the last transition.
 */
export const STATECHART_CSS = `
.statechart { font-family: "DejaVu Sans Mono", Menlo, Consolas, ui-monospace, monospace; }
.state > rect { fill: #ffffff; stroke: #64748b; stroke-width: 1.2; }
.state.parent > rect { fill: #f8fafc; }
.state.root > rect { fill: #f1f5f9; stroke: #334155; }
.state.region > rect { stroke-dasharray: 6 3; fill: #fbfcfe; }
.state > text.name { font-size: 12px; fill: #0f172a; }
.state.root > text.name { font-weight: bold; }
.state.history > circle { fill: #ffffff; stroke: #64748b; }
.state.active > rect, .state.active > circle { fill: #fef3c7; stroke: #d97706; stroke-width: 2.5; }
.state.parent.active > rect { fill: #fffbeb; }
.state.active > text.name { fill: #92400e; font-weight: bold; }
.initial circle { fill: #0f172a; }
.initial path, .edge path { fill: none; stroke: #475569; stroke-width: 1.2; }
.edge.always path, .edge.after path { stroke-dasharray: 4 3; }
.edge rect.label { fill: #ffffff; fill-opacity: 0.85; }
.edge text { font-size: 11px; fill: #334155; }
.edge.taken path { stroke: #d97706; stroke-width: 2.5; }
.edge.taken text { fill: #92400e; font-weight: bold; }
`;
