import { describe, expect, it } from "vitest";
import { isLoopback, listenPlan } from "./listenPlan.ts";
import { sameToken } from "./tokenGate.ts";

const T = "0123456789abcdef-token";

describe("listenPlan", () => {
  it.each(["127.0.0.1", "127.1.2.3", "localhost", "::1", "::ffff:127.0.0.1"])("%s is loopback", (h) => expect(isLoopback(h)).toBe(true));
  it.each(["0.0.0.0", "::", "192.0.2.2", "fd00::2", "example.com", "127.0.0.1.example.com"])("%s is not", (h) => expect(isLoopback(h)).toBe(false));

  it("a loopback address needs no token; a set token is still required", () => {
    expect(listenPlan("dashboard", "127.0.0.1:7070", {}, "TOK")).toEqual({ host: "127.0.0.1", port: 7070 });
    expect(listenPlan("dashboard", "[::1]:7070", { TOK: T }, "TOK")).toEqual({ host: "::1", port: 7070, token: T });
  });

  it("refuses a network address without a token, and a short token, never showing it", () => {
    expect(() => listenPlan("dashboard", "0.0.0.0:7070", {}, "TOK")).toThrow(/dashboard at 0\.0\.0\.0:7070 would be reachable from the network without authentication: set TOK/);
    expect(() => listenPlan("dashboard", "0.0.0.0:7070", { TOK: "" }, "TOK")).toThrow(/set TOK/);
    expect(() => listenPlan("inspector", "0.0.0.0:1", { TOK: "hunter2" }, "TOK")).toThrow(/^TOK is too short for the inspector .*; its value is not shown$/);
    expect(listenPlan("dashboard", "0.0.0.0:7070", { TOK: T }, "TOK").token).toBe(T);
  });
});

describe("sameToken", () => {
  it("compares whole tokens, of any length", () => {
    expect(sameToken(T, T)).toBe(true);
    expect(sameToken(`${T}x`, T)).toBe(false);
    expect(sameToken(T.slice(0, -1), T)).toBe(false);
    expect(sameToken(undefined, T)).toBe(false);
    expect(sameToken("", T)).toBe(false);
  });
});
