import { describe, expect, it } from "vitest";
import { router } from "./router.ts";

const h = () => undefined;
const h2 = () => undefined;

describe("router", () => {
  const match = router([["GET", "/api/agents", h], ["GET", "/api/agents/:id", h2], ["POST", "/api/agents/:id/pause", h]]);
  it("matches literals and :params, decoded", () => {
    expect(match("GET", "/api/agents")).toEqual({ handler: h, params: {} });
    expect(match("GET", "/api/agents/t%2D1")).toEqual({ handler: h2, params: { id: "t-1" } });
    expect(match("POST", "/api/agents/t1/pause")).toEqual({ handler: h, params: { id: "t1" } });
  });
  it("says 404 for an unknown path and 405 for a known one with another method", () => {
    expect(match("GET", "/api/agents/t1/nope")).toEqual({ status: 404 });
    expect(match("GET", "/api/agents/")).toEqual({ status: 404 });
    expect(match("GET", "/api/agents/%E0")).toEqual({ status: 404 });
    expect(match("GET", "/api/agents/t1/pause")).toEqual({ status: 405, allow: "POST" });
  });
});
