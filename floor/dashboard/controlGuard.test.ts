import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { controlRefusal } from "./controlGuard.ts";

const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
const ok = { "x-polyfloor-control": "1", host: "127.0.0.1:7070" };
const TOKEN = "0123456789abcdef-token";

describe("controlRefusal", () => {
  it("takes a loopback control with its header, from its own origin or none", () => {
    expect(controlRefusal(req(ok), { host: "127.0.0.1" })).toBeUndefined();
    expect(controlRefusal(req({ ...ok, origin: "http://127.0.0.1:7070" }), { host: "127.0.0.1" })).toBeUndefined();
    expect(controlRefusal(req({ ...ok, host: "localhost:7070" }), { host: "127.0.0.1" })).toBeUndefined();
  });

  it("refuses what a page of another site, or a rebound name, could send", () => {
    expect(controlRefusal(req({ host: "127.0.0.1:7070" }), { host: "127.0.0.1" })).toMatch(/header x-polyfloor-control/);
    expect(controlRefusal(req({ ...ok, origin: "http://evil.example" }), { host: "127.0.0.1" })).toMatch(/another origin/);
    expect(controlRefusal(req({ ...ok, origin: "null" }), { host: "127.0.0.1" })).toMatch(/another origin/);
    expect(controlRefusal(req({ ...ok, host: "evil.example:7070" }), { host: "127.0.0.1" })).toMatch(/only at a loopback address/);
  });

  it("with a token any host name will do; without one a network bind has no controls", () => {
    expect(controlRefusal(req({ ...ok, host: "floor.lan:7070" }), { host: "0.0.0.0", token: TOKEN })).toBeUndefined();
    expect(controlRefusal(req(ok), { host: "0.0.0.0" })).toMatch(/controls need a token: set POLYFLOOR_DASHBOARD_TOKEN/);
  });
});
