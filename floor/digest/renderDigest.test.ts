import { describe, expect, it } from "vitest";
import { openDb } from "../../state/index.ts";
import { tinyLedgerDay } from "../../tests/helpers/tinyLedgerDay.ts";
import { digestData, isEmptyDay } from "./digestData.ts";
import { renderHtml } from "./renderHtml.ts";
import { renderMarkdown } from "./renderMarkdown.ts";

const D = Date.UTC(2026, 0, 1);
const db = openDb(":memory:");
tinyLedgerDay(db, D);
const day = digestData(db, "2026-01-01");

describe("a small day's digest", () => {
  it("holds the day's figures, booked by hand: $1,000 in, $100 to t1, 100 Up shares at 0.40 with a $0.50 fee, won", () => {
    expect(day.floor).toMatchObject({ pnl: 59_500_000, settlements: 1, windows: 1, equityStart: 0, equityEnd: 1_059_500_000, fills: 1, fees: 500_000 });
    expect(day.agents.map((a) => [a.agentId, a.figures.trades, a.figures.pnl, a.figures.turnover, a.fills])).toEqual([["t1", 1, 59_500_000, 40_500_000, 1]]);
    // Its one belief, 0.7 on a window that went Up, beside the market's 0.4: Brier 0.09 against 0.36.
    expect(day.agents[0]!.forecasts).toMatchObject({ n: 1, paired: 1 });
    expect(day.agents[0]!.forecasts.brier).toBeCloseTo(0.09, 12);
    expect(day.agents[0]!.forecasts.brierMarket).toBeCloseTo(0.36, 12);
    expect(day.capital.transfers).toEqual([{ ts: D, from: "floor", to: "t1", amount: 100_000_000, ref: "allocate-t1", reason: null }]);
    expect(day.violations.total).toBe(1);
    expect(isEmptyDay(day)).toBe(false);
    expect(isEmptyDay(digestData(db, "2026-01-02"))).toBe(true);
  });

  it("says why a figure is missing rather than printing 0", () => {
    const md = renderMarkdown(day);
    expect(md).toContain("- Realised PnL: $59.50");
    expect(md).toContain("- 95% bootstrap interval: n/a (one window: nothing to resample)");
    // One trade: no spread for a Sharpe, no loss for a profit factor or an average loss.
    expect(md).toMatch(/\| t1 \| momentum \| \$59\.50 \| 1 \| 100\.0% \| \$59\.50 \| n\/a \| n\/a \| \$0\.50 \| \$40\.50 \| 1 \|/);
    expect(md).toMatch(/\| t1 \| n\/a \| n\/a \| n\/a \| 0\.00% \| 1 \| 0\.0900 \| 0\.3600 \|/);
  });

  it("escapes what agents and reasons wrote, in both files", () => {
    const md = renderMarkdown(day);
    const html = renderHtml(day);
    expect(md).toContain("a &lt;b>test&lt;/b> \\| breaker");
    expect(html).toContain("a &lt;b&gt;test&lt;/b&gt; | breaker");
    expect(html).not.toContain("<b>test");
  });

  it("makes an HTML file that needs nothing outside itself", () => {
    const html = renderHtml(day);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).not.toMatch(/https?:\/\/|\bsrc=|\bhref=|<script|<link|@import|url\(/i);
    expect(html.match(/<svg class="chart"/g)).toHaveLength(2);
  });

  it("is the same text every time", () => {
    expect(renderMarkdown(digestData(db, "2026-01-01"))).toBe(renderMarkdown(day));
    expect(renderHtml(digestData(db, "2026-01-01"))).toBe(renderHtml(day));
  });
});
