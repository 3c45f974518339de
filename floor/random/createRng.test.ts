import { describe, expect, it } from "vitest";
import { createRng, restoreRng } from "./createRng.ts";

describe("createRng", () => {
  it("repeats a sequence for a seed and differs across seeds", () => {
    const a = createRng(7), b = createRng(7), c = createRng(8);
    const sa = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(sa);
  });
  it("draws normals with mean ~0 and variance ~1", () => {
    const r = createRng(1);
    const xs = Array.from({ length: 20000 }, () => r.normal());
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });
  it("forks independent but reproducible streams", () => {
    expect(createRng(3).fork("x").next()).toBe(createRng(3).fork("x").next());
    expect(createRng(3).fork("x").next()).not.toBe(createRng(3).fork("y").next());
  });
  it("continues a saved stream exactly, a pending normal and forks included, through JSON", () => {
    const r = createRng(5).fork("walk");
    r.normal(); // leaves a spare normal pending
    const copy = restoreRng(JSON.parse(JSON.stringify(r.save())));
    expect([copy.normal(), copy.next(), copy.int(1, 6), copy.fork("z").next()]).toEqual([r.normal(), r.next(), r.int(1, 6), r.fork("z").next()]);
  });
});
