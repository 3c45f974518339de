import { describe, expect, it } from "vitest";
import { SubjectIndex } from "./SubjectIndex.ts";

describe("SubjectIndex", () => {
  it("matches in insertion order and stays correct as subscriptions come and go", () => {
    const idx = new SubjectIndex<{ p: string }>((x) => x.p);
    const a = { p: "md.>" }, b = { p: "md.book.*" }, c = { p: "order.*" };
    idx.add(a);
    idx.add(b);
    idx.add(c);
    expect(idx.match("md.book.m1")).toEqual([a, b]);
    expect(idx.match("md.book.m1")).toBe(idx.match("md.book.m1")); // cached
    idx.remove(a);
    expect(idx.match("md.book.m1")).toEqual([b]);
    const d = { p: "md.book.m1" };
    idx.add(d);
    expect(idx.match("md.book.m1")).toEqual([b, d]);
    expect(idx.match("order.x.y")).toEqual([]);
  });
  it("bounds its cache", () => {
    const idx = new SubjectIndex<{ p: string }>((x) => x.p, 3);
    idx.add({ p: ">" });
    for (let i = 0; i < 10; i++) expect(idx.match(`s${i}`)).toHaveLength(1);
  });
});
