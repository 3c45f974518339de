import { describe, expect, it } from "vitest";
import { parsePromText } from "./promText.ts";

describe("the Prometheus text parser (a test helper)", () => {
  it("reads families, escaped labels, NaN, ±Inf and timestamps", () => {
    const f = parsePromText(
      [
        "# HELP up_total Things, counted.",
        "# TYPE up_total counter",
        'up_total{agent="a",note="q\\"x\\\\y\\nz"} 3 1700000000000',
        "up_total 1e3",
        "# TYPE g gauge",
        "g NaN",
        'g{x="1"} +Inf',
        'g{x="2"} -Inf',
        "# TYPE h histogram",
        'h_bucket{le="+Inf"} 2',
        "h_count 2",
        "h_sum 0.5",
        "",
      ].join("\n"),
    );
    expect(f.get("up_total")).toEqual({ name: "up_total", type: "counter", help: "Things, counted.", samples: [{ name: "up_total", labels: { agent: "a", note: 'q"x\\y\nz' }, value: 3, timestamp: 1_700_000_000_000 }, { name: "up_total", labels: {}, value: 1000 }] });
    expect(f.get("g")!.samples.map((s) => s.value)).toEqual([NaN, Infinity, -Infinity]);
    expect(f.get("h")!.samples).toHaveLength(3);
  });

  it.each([
    ["a sample without a TYPE", "x 1"],
    ["a bad metric name", "# TYPE 1x gauge\n1x 1"],
    ["a bad label name", '# TYPE x gauge\nx{1a="v"} 1'],
    ["an unquoted label value", "# TYPE x gauge\nx{a=v} 1"],
    ["a bad escape", '# TYPE x gauge\nx{a="\\t"} 1'],
    ["a bad value", "# TYPE x gauge\nx one"],
    ["a second TYPE", "# TYPE x gauge\n# TYPE x gauge"],
    ["a bad type", "# TYPE x meter"],
    ["labels without commas", '# TYPE x gauge\nx{a="1" b="2"} 1'],
  ])("refuses %s", (_why, text) => {
    expect(() => parsePromText(text)).toThrow(SyntaxError);
  });
});
