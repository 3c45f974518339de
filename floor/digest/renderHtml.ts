import type { Block } from "./Block.ts";
import { DIGEST_CSS } from "./digestCss.ts";
import { digestBlocks } from "./digestBlocks.ts";
import type { DigestDay } from "./DigestDay.ts";
import { escapeHtml } from "./escapeHtml.ts";
import type { Narrative } from "./Narrative.ts";
import { svgLineChart, type LineChartOptions } from "./svgLineChart.ts";

const HOUR = 3_600_000;
/** `code` spans, after escaping (a backtick is not an HTML character). */
const inline = (s: string): string => escapeHtml(s).replace(/`([^`]+)`/g, "<code>$1</code>");

/**
 * The digest as one self-contained HTML file: inline CSS, inline SVG charts, no script and no
 * external reference (its Content-Security-Policy forbids fetching anything); every text escaped.
 */
export function renderHtml(d: DigestDay, narrative?: Narrative): string {
  const body = digestBlocks(d, narrative).map((b) => html(b, d)).join("\n");
  return [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(`Floor digest ${d.date}`)}</title>`,
    `<style>${DIGEST_CSS}</style>`,
    "</head><body>",
    body,
    "</body></html>",
    "",
  ].join("\n");
}

function html(b: Block, d: DigestDay): string {
  switch (b.type) {
    case "heading":
      return `<h${b.level}>${inline(b.text)}</h${b.level}>`;
    case "para":
      return `<p>${inline(b.text)}</p>`;
    case "list":
      return `<ul>${b.items.map((i) => `<li>${inline(i)}</li>`).join("")}</ul>`;
    case "table": {
      const cls = (i: number) => (b.numeric?.[i] ? ' class="num"' : "");
      const head = `<tr>${b.head.map((h, i) => `<th${cls(i)}>${escapeHtml(h)}</th>`).join("")}</tr>`;
      return `<table><thead>${head}</thead><tbody>${b.rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${escapeHtml(c)}</td>`).join("")}</tr>`).join("")}</tbody></table>`;
    }
    case "chart":
      return `<figure>${chart(b.chart, b.title, d)}</figure>`;
    case "fold":
      return `<details><summary>${inline(b.summary)}</summary>${b.blocks.map((x) => html(x, d)).join("\n")}</details>`;
    case "aside":
      return `<aside><h2>${inline(b.title)}</h2>${b.blocks.map((x) => html(x, d)).join("\n")}</aside>`;
  }
}

function chart(which: "equity" | "drawdown", title: string, d: DigestDay): string {
  const xTicks = Array.from({ length: 9 }, (_, i) => ({ at: d.from + i * 3 * HOUR, label: `${String(i * 3).padStart(2, "0")}:00` }));
  const base: Omit<LineChartOptions, "yLabel"> = { title, xRange: [d.from, d.to], xTicks, steps: true };
  return which === "equity"
    ? svgLineChart(d.equity.map((p) => ({ x: p.ts, y: p.equity / 1e6 })), { ...base, yLabel: (y) => `$${y.toLocaleString("en-US", { maximumFractionDigits: 6 })}` })
    : svgLineChart(d.drawdown.map((p) => ({ x: p.ts, y: -p.equity * 100 })), { ...base, color: "#c0392b", yLabel: (y) => `${y}%` });
}
