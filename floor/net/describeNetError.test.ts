import axios from "axios";
import WebSocket from "ws";
import { describe, expect, it } from "vitest";
import { closedPort } from "../../tests/helpers/closedPort.ts";
import { describeNetError, netErrorText } from "./describeNetError.ts";

describe("describeNetError", () => {
  it("says connection refused to HOST:PORT for fetch, axios and ws alike", async () => {
    const port = await closedPort();
    const want = `connection refused to 127.0.0.1:${port}`;
    const fromFetch = await fetch(`http://127.0.0.1:${port}/`).catch((e: unknown) => e);
    const fromAxios = await axios.get(`http://127.0.0.1:${port}/`).catch((e: unknown) => e);
    const fromWs = await new Promise((resolve) => new WebSocket(`ws://127.0.0.1:${port}/`).on("error", resolve));
    expect([describeNetError(fromFetch), describeNetError(fromAxios), describeNetError(fromWs)]).toEqual([want, want, want]);
  });

  it("names DNS failures, timeouts and TLS", () => {
    expect(describeNetError(Object.assign(new Error("getaddrinfo ENOTFOUND nope.invalid"), { code: "ENOTFOUND", hostname: "nope.invalid" }))).toBe("DNS lookup failed for nope.invalid (no such host)");
    expect(describeNetError(new TypeError("fetch failed", { cause: Object.assign(new Error("x"), { code: "ETIMEDOUT", address: "10.0.0.1", port: 443 }) }))).toBe("timed out connecting to 10.0.0.1:443");
    expect(describeNetError(new DOMException("The operation was aborted due to timeout", "TimeoutError"))).toBe("timed out");
    expect(describeNetError(Object.assign(new Error("self-signed certificate"), { code: "DEPTH_ZERO_SELF_SIGNED_CERT" }))).toBe("TLS failed: self-signed certificate");
  });

  it("leaves other errors to their own message", () => {
    expect(describeNetError(new Error("Unexpected server response: 404"))).toBeUndefined();
    expect(netErrorText(new Error("Unexpected server response: 404"))).toBe("Unexpected server response: 404");
  });
});
