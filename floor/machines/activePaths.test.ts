import { describe, expect, it } from "vitest";
import { createActor, createMachine } from "xstate";
import { activePaths } from "./activePaths.ts";

describe("activePaths", () => {
  it("names an atomic state by its key", () => {
    expect(activePaths("trading")).toEqual(["trading"]);
  });
  it("lists every ancestor before its children, through nested and parallel values", () => {
    expect(activePaths({ trading: { entered: "watching" } })).toEqual(["trading", "trading.entered", "trading.entered.watching"]);
    expect(activePaths({ run: { feed: "live", book: { open: "quoting" } } })).toEqual(["run", "run.feed", "run.feed.live", "run.book", "run.book.open", "run.book.open.quoting"]);
    // An atomic region of a parallel state: XState writes it as an empty object.
    expect(activePaths({ p: { a: {}, b: "y" } })).toEqual(["p", "p.a", "p.b", "p.b.y"]);
  });
  it("matches a real actor's value", () => {
    const m = createMachine({ id: "m", initial: "a", states: { a: { initial: "b", states: { b: {} } } } });
    const actor = createActor(m).start();
    expect(activePaths(actor.getSnapshot().value)).toEqual(["a", "a.b"]);
    actor.stop();
    const p = createMachine({ id: "p", type: "parallel", states: { a: {}, b: { initial: "y", states: { y: {} } } } });
    const both = createActor(p).start();
    expect(both.getSnapshot().value).toEqual({ a: {}, b: "y" });
    expect(activePaths(both.getSnapshot().value)).toEqual(["a", "b", "b.y"]);
    both.stop();
  });
});
