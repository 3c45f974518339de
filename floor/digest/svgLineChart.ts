import { escapeHtml } from "./escapeHtml.ts";
import { niceTicks } from "./niceTicks.ts";

export interface ChartPoint {
  x: number;
  y: number;
}

export interface LineChartOptions {
  /** Said by the chart (its <title> and aria-label) and printed above the plot. */
  title: string;
  /** The x axis: its range (the points may not fill it) and its ticks, each with a label. */
  xRange: [number, number];
  xTicks: ReadonlyArray<{ at: number; label: string }>;
  /** A y tick's label. */
  yLabel: (y: number) => string;
  /** Hold each value until the next point (a ledger's balance), rather than joining points by straight lines. */
  steps?: boolean;
  width?: number;
  height?: number;
  color?: string;
}

const M = { left: 78, right: 16, top: 28, bottom: 30 };
const r = (v: number): string => String(Math.round(v * 10) / 10);

/**
 * A line chart as one self-contained SVG element: axes with labelled ticks and the series as a
 * path, for inline use in HTML (so no xmlns: not even that URL). No script; every text escaped. With no points it says so and
 * draws no line.
 */
export function svgLineChart(points: readonly ChartPoint[], o: LineChartOptions): string {
  const W = o.width ?? 720;
  const H = o.height ?? 240;
  const [x0, x1] = o.xRange;
  if (!(x1 > x0)) throw new RangeError(`an empty x range: ${x0}..${x1}`);
  const ys = points.map((p) => p.y);
  const yTicks = ys.length ? niceTicks(Math.min(...ys), Math.max(...ys)) : [0, 1];
  const y0 = yTicks[0]!;
  const y1 = yTicks[yTicks.length - 1]!;
  const px = (x: number): number => M.left + ((x - x0) / (x1 - x0)) * (W - M.left - M.right);
  const py = (y: number): number => H - M.bottom - ((y - y0) / (y1 - y0)) * (H - M.top - M.bottom);
  const title = escapeHtml(o.title);
  const parts = [
    `<svg class="chart" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${title}">`,
    `<title>${title}</title>`,
    `<text x="${M.left}" y="16" class="chart-title">${title}</text>`,
    ...yTicks.map((y) => `<line class="grid" x1="${M.left}" x2="${W - M.right}" y1="${r(py(y))}" y2="${r(py(y))}"/><text class="tick" x="${M.left - 6}" y="${r(py(y) + 4)}" text-anchor="end">${escapeHtml(o.yLabel(y))}</text>`),
    ...o.xTicks.map((t) => `<line class="axis" x1="${r(px(t.at))}" x2="${r(px(t.at))}" y1="${H - M.bottom}" y2="${H - M.bottom + 5}"/><text class="tick" x="${r(px(t.at))}" y="${H - M.bottom + 18}" text-anchor="middle">${escapeHtml(t.label)}</text>`),
    `<line class="axis" x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}"/>`,
    `<line class="axis" x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${H - M.bottom}"/>`,
  ];
  if (points.length === 0) parts.push(`<text class="empty" x="${r(W / 2)}" y="${r(H / 2)}" text-anchor="middle">no data</text>`);
  else parts.push(`<path class="line" fill="none" stroke="${escapeHtml(o.color ?? "#1f6feb")}" stroke-width="2" d="${pathOf(points, px, py, o.steps ?? false)}"/>`);
  parts.push("</svg>");
  return parts.join("");
}

/** The series as path commands; a single point is drawn as a short flat mark so it stays visible. */
function pathOf(points: readonly ChartPoint[], px: (x: number) => number, py: (y: number) => number, steps: boolean): string {
  const d = [`M${r(px(points[0]!.x))},${r(py(points[0]!.y))}`];
  for (let i = 1; i < points.length; i++) {
    const p = points[i]!;
    if (steps) d.push(`H${r(px(p.x))}`);
    d.push(`${steps ? "V" : "L"}${steps ? r(py(p.y)) : `${r(px(p.x))},${r(py(p.y))}`}`);
  }
  if (points.length === 1) d.push("h4");
  return d.join("");
}
