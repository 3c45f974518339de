import { describe, expect, it } from "vitest";
import { delayText, edgeLabel } from "./edgeLabel.ts";

describe("edgeLabel", () => {
  it("reads delays as people say them", () => {
    expect(delayText(250)).toBe("250ms");
    expect(delayText(1000)).toBe("1s");
    expect(delayText(1500)).toBe("1.5s");
    expect(delayText(1234)).toBe("1234ms");
    expect(delayText(120_000)).toBe("2min");
    expect(delayText(90_000)).toBe("90s");
    expect(delayText("settleDelay")).toBe("settleDelay");
  });
  it("labels events, eventless, delayed and completion transitions, with their guards", () => {
    expect(edgeLabel("PAUSE")).toEqual({ kind: "event", text: "PAUSE" });
    expect(edgeLabel("ORDER", "withinLimit")).toEqual({ kind: "event", text: "ORDER [withinLimit]" });
    expect(edgeLabel("", "ready")).toEqual({ kind: "always", text: "always [ready]" });
    expect(edgeLabel("xstate.after.5000.m.wait", undefined, 5000)).toEqual({ kind: "after", text: "after 5s" });
    expect(edgeLabel("xstate.after.300.m.wait")).toEqual({ kind: "after", text: "after 300ms" });
    expect(edgeLabel("xstate.done.state.m.work")).toEqual({ kind: "done", text: "done" });
    expect(edgeLabel("xstate.done.actor.fetcher")).toEqual({ kind: "done", text: "done: fetcher" });
    expect(edgeLabel("xstate.error.actor.fetcher", "retryable")).toEqual({ kind: "error", text: "error: fetcher [retryable]" });
  });
});
