import { describe, expect, it } from "vitest";
import type { Alert } from "./Alert.ts";
import { composeMessage, droppedNote } from "./composeMessage.ts";

const T = Date.parse("2026-01-01T00:00:05Z");
const a = (text: string, kind: Alert["kind"] = "violation"): Alert => ({ kind, ts: T, text });
const same = (s: string) => s;

describe("composeMessage", () => {
  it("one alert: a header line and its text with the floor time", () => {
    expect(composeMessage([a("Violation: x")], {}, 2_000, same)).toBe("polyfloor\n[2026-01-01 00:00:05 UTC] Violation: x");
  });
  it("several: a count and a line each, then the dropped count", () => {
    const text = composeMessage([a("one"), a("two", "crash")], { violation: 2, crash: 1 }, 2_000, same);
    expect(text).toBe([
      "polyfloor: 2 alerts (held back by the rate limit)",
      "- [2026-01-01 00:00:05 UTC] one",
      "- [2026-01-01 00:00:05 UTC] two",
      "3 more alerts were dropped (the queue was full): violation 2, crash 1",
    ].join("\n"));
  });
  it("scrubs each line", () => {
    expect(composeMessage([a("token hunter2!")], {}, 2_000, (s) => s.replace("hunter2", "[redacted]"))).toContain("token [redacted]!");
  });
  it("fits the limit: lines that do not fit are counted, the first is clipped if it must be", () => {
    const many = Array.from({ length: 100 }, (_, i) => a(`alert number ${i} ${"x".repeat(30)}`));
    const text = composeMessage(many, { breaker: 4 }, 500, same);
    expect(text.length).toBeLessThanOrEqual(500);
    const shown = text.split("\n").filter((l) => l.startsWith("- ")).length;
    expect(text).toContain(`(${100 - shown} more not shown)`);
    expect(text.endsWith("4 more alerts were dropped (the queue was full): breaker 4")).toBe(true);
    const long = composeMessage([a("y".repeat(5_000))], {}, 2_000, same);
    expect(long.length).toBe(2_000);
    expect(long.endsWith("y…")).toBe(true);
  });
});

describe("droppedNote", () => {
  it("is nothing when nothing was dropped, and says 'was' for one", () => {
    expect(droppedNote({})).toBeUndefined();
    expect(droppedNote({ crash: 0 })).toBeUndefined();
    expect(droppedNote({ crash: 1 })).toBe("1 more alert was dropped (the queue was full): crash 1");
  });
});
