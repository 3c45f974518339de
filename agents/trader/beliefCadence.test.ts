import { describe, expect, it } from "vitest";
import { beliefCadence } from "./beliefCadence.ts";

const b = (marketId: string) => ({ marketId, startTs: 0, pUp: 0.5 });

describe("beliefCadence", () => {
  it("is due once per minute of the window followed, with a book of that window", () => {
    const c = beliefCadence();
    expect(c.due("m1", 1_000)).toBe(false); // following nothing
    c.follow("m1", 0);
    c.booked("m1");
    expect(c.due("m2", 1_000)).toBe(false); // another window's book
    expect(c.due("m1", 1_000)).toBe(true);
    expect(c.said(b("m1"), 1_000)).toBe(true);
    expect(c.due("m1", 59_999)).toBe(false);
    expect(c.due("m1", 60_000)).toBe(true);
    expect(c.said(b("m2"), 60_000)).toBe(false); // not the window followed: not recorded
    expect(c.due("m1", 60_000)).toBe(true);
  });
  it("knows which window it follows, across a checkpoint", () => {
    const c = beliefCadence();
    expect(c.follows("m1")).toBe(false);
    c.follow("m1", 0);
    expect([c.follows("m1"), c.follows("m2")]).toEqual([true, false]);
    const d = beliefCadence();
    d.restore(structuredClone(c.save()));
    expect(d.follows("m1")).toBe(true);
    c.follow(undefined, 0);
    expect(c.follows("m1")).toBe(false);
  });
  it("says it with spot only while the window has had no book", () => {
    const c = beliefCadence();
    c.follow("m1", 0);
    expect(c.due(undefined, 5_000)).toBe(true);
    c.booked("m1");
    expect(c.due(undefined, 65_000)).toBe(false);
  });
  it("starts afresh in a new window even at the same minute index", () => {
    const c = beliefCadence();
    c.follow("m1", 0);
    c.said(b("m1"), 10_000);
    c.follow("m2", 900_000);
    expect(c.due(undefined, 910_000)).toBe(true);
  });
  it("keeps what it said across a checkpoint, including one written as `marketId:minute`", () => {
    const c = beliefCadence();
    c.follow("m1", 0);
    c.said(b("m1"), 10_000);
    const d = beliefCadence();
    d.restore(structuredClone(c.save()));
    expect(d.due(undefined, 20_000)).toBe(false);
    const old = beliefCadence();
    old.restore({ said: "0xab:cd:3", following: { marketId: "0xab:cd", startTs: 0 } });
    expect(old.due(undefined, 200_000)).toBe(false); // minute 3, already said
    expect(old.due(undefined, 240_000)).toBe(true);
  });
});
