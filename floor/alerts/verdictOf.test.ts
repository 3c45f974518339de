import { describe, expect, it } from "vitest";
import { verdictOf } from "./verdictOf.ts";

describe("verdictOf", () => {
  it.each([
    [200, "delivered"], [204, "delivered"], [299, "delivered"],
    [429, "retry"], [500, "retry"], [502, "retry"], [503, "retry"],
    [301, "refused"], [400, "refused"], [401, "refused"], [403, "refused"], [404, "refused"], [413, "refused"],
  ] as const)("%i is %s", (status, verdict) => {
    expect(verdictOf(status)).toBe(verdict);
  });
});
