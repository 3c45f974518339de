import { describe, expect, it } from "vitest";
import { formatMarks, parseMarks } from "./journalMarks.ts";

describe("journal marks", () => {
  it("formats sorted role=seq pairs, leaving zeros out", () => {
    expect(formatMarks([["exchange", 120], ["boss", 55], ["auditor", 0]])).toBe("boss=55,exchange=120");
    expect(formatMarks([["boss", 0]])).toBe("");
  });

  it("parses what it formats", () => {
    const m = new Map([["boss", 55], ["exchange", 120], ["traders", 3]]);
    expect(parseMarks(formatMarks(m))).toEqual({ marks: m, invalid: 0 });
    expect(parseMarks("")).toEqual({ marks: new Map(), invalid: 0 });
  });

  it("counts a malformed pair and keeps the rest", () => {
    const { marks, invalid } = parseMarks("boss=55,exchange=-1,=3,feed=0,monitor=1e3,Auditor=2,traders=9007199254740993,auditor=7");
    expect(marks).toEqual(new Map([["boss", 55], ["auditor", 7]]));
    expect(invalid).toBe(6);
  });
});
