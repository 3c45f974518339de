import { describe, expect, it } from "vitest";
import { SupervisionConfig } from "../../protocols/index.ts";
import { heartbeatRule, hungAfterMs } from "./heartbeatRule.ts";

const S = SupervisionConfig.parse({});

describe("heartbeatRule", () => {
  it("beats once per 10 s interval", () => {
    expect(heartbeatRule(9_999, 0, 0, S)).toBe("notDue");
    expect(heartbeatRule(10_000, 0, 0, S)).toBe("beat");
    expect(heartbeatRule(0, -Infinity, 0, S)).toBe("beat");
  });

  it("withholds the beat while a handler has been unsettled for longer than an interval, and not before", () => {
    expect(heartbeatRule(10_000, 0, 10_000, S)).toBe("beat");
    expect(heartbeatRule(10_000, 0, 10_001, S)).toBe("withhold");
    expect(heartbeatRule(25_000, 0, 12_000, S)).toBe("withhold");
  });
});

describe("hungAfterMs", () => {
  it("is missedBeats intervals: 3 × 10 s by default", () => {
    expect(hungAfterMs(S)).toBe(30_000);
    expect(hungAfterMs({ heartbeatMs: 1_000, missedBeats: 5 })).toBe(5_000);
  });
});
