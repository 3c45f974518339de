import { describe, expect, it } from "vitest";
import { checkDuplicateFill, checkDuplicateIntent, FROM_LEDGER } from "./checkDuplicate.ts";

describe("checkDuplicateIntent / checkDuplicateFill", () => {
  it("passes a new id, the same message delivered again, and the first message for what a restart rebuilt", () => {
    expect(checkDuplicateIntent("i1", undefined, "m1")).toBeUndefined();
    expect(checkDuplicateIntent("i1", { marketId: "mk", msgId: "m1" }, "m1")).toBeUndefined();
    expect(checkDuplicateIntent("i1", { marketId: "mk", msgId: FROM_LEDGER }, "m9")).toBeUndefined();
    expect(checkDuplicateFill("f1", undefined, "m1")).toBeUndefined();
    expect(checkDuplicateFill("f1", "m1", "m1")).toBeUndefined();
    expect(checkDuplicateFill("f1", FROM_LEDGER, "m2")).toBeUndefined();
  });
  it("flags an id approved or reported again in another message", () => {
    expect(checkDuplicateIntent("i1", { marketId: "mk", msgId: "m1" }, "m2")).toEqual({ rule: "duplicate.intent", allowed: "one approval per intent id", actual: "i1", reason: "intent id i1 approved again (first for mk)" });
    expect(checkDuplicateIntent("i1", { marketId: "old" }, "m2")).toMatchObject({ rule: "duplicate.intent", actual: "i1" });
    expect(checkDuplicateFill("f1", "m1", "m2")).toMatchObject({ rule: "duplicate.fill", actual: "f1" });
  });
});
