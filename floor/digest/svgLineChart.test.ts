import { describe, expect, it } from "vitest";
import { svgLineChart, type LineChartOptions } from "./svgLineChart.ts";

// A plot area of exactly 100 x 100 px: x from 78 to 178, y from 128 (bottom) up to 28.
const opts: LineChartOptions = {
  title: "P&L <today>",
  width: 194,
  height: 158,
  xRange: [0, 10],
  xTicks: [{ at: 0, label: "00:00" }, { at: 10, label: "24:00" }],
  yLabel: (y) => `$${y}`,
};
const points = [{ x: 0, y: 0 }, { x: 5, y: 10 }, { x: 10, y: 5 }];

describe("svgLineChart", () => {
  it("draws the series through the points, scaled into the plot area", () => {
    const svg = svgLineChart(points, opts);
    expect(svg).toMatch(/^<svg class="chart" width="194" height="158" viewBox="0 0 194 158"/);
    expect(svg).toContain('d="M78,128L128,28L178,78"');
  });

  it("draws a ledger's balance as steps", () => {
    expect(svgLineChart(points, { ...opts, steps: true })).toContain('d="M78,128H128V28H178V78"');
  });

  it("labels the ticks of both axes", () => {
    const svg = svgLineChart(points, opts);
    // y ticks 0, 5, 10 (niceTicks) at y = 128, 78, 28; the label sits 4 px below the grid line.
    for (const [label, y] of [["$0", 132], ["$5", 82], ["$10", 32]] as const) expect(svg).toContain(`y="${y}" text-anchor="end">${label}</text>`);
    expect(svg).toContain('x="78" y="146" text-anchor="middle">00:00</text>');
    expect(svg).toContain('x="178" y="146" text-anchor="middle">24:00</text>');
  });

  it("escapes its text and refers to nothing outside itself", () => {
    const svg = svgLineChart(points, { ...opts, xTicks: [{ at: 5, label: '"><script>' }] });
    expect(svg).toContain("<title>P&amp;L &lt;today&gt;</title>");
    expect(svg).toContain("&quot;&gt;&lt;script&gt;");
    expect(svg).not.toMatch(/<script|https?:|href|url\(/);
  });

  it("says there is no data, and draws no line, for an empty series", () => {
    const svg = svgLineChart([], opts);
    expect(svg).toContain(">no data</text>");
    expect(svg).not.toContain("<path");
  });

  it("keeps a single point visible", () => {
    expect(svgLineChart([{ x: 5, y: 3 }], opts)).toMatch(/d="M128,[\d.]+h4"/);
  });
});
