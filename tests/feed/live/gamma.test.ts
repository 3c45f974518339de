import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { discoverCurrentAndNext, discoverWindow, GammaError } from "../../../agents/feed/live/gamma.ts";
import { FakeGamma } from "./FakeGamma.ts";

let gamma: FakeGamma;
const T = Date.UTC(2026, 6, 23, 23, 57, 31); // inside btc-updown-5m-1784850900
const fast = { minDelayMs: 5, maxDelayMs: 2000 };

beforeEach(() => {
  gamma = new FakeGamma();
});
afterEach(() => gamma.close());

describe("Gamma discovery against a local server with real market objects", () => {
  it("finds the window containing a time by its slug", async () => {
    const w = await discoverWindow(await gamma.url(), "btc", 5, T, fast);
    expect(w).toMatchObject({ slug: "btc-updown-5m-1784850900", startTs: 1784850900_000, endTs: 1784851200_000, tickSize: 1_000, minSize: 5_000_000, outcome: "Up" });
    expect(w.upTokenId).toBe("72690798903588392269001731007662425920353908498880709179939493847828858696064");
    expect(gamma.http.requests).toEqual(["/events/slug/btc-updown-5m-1784850900"]);
  });

  it("waits out a 429 with Retry-After, then succeeds", async () => {
    gamma.failures.push({ status: 429, body: { error: "Too Many Requests" }, headers: { "retry-after": "0.2" } });
    const t0 = Date.now();
    const w = await discoverWindow(await gamma.url(), "btc", 5, T, { ...fast, minDelayMs: 1 });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(150); // the server's delay, not the 1 ms backoff
    expect(w.slug).toBe("btc-updown-5m-1784850900");
    expect(gamma.hits(w.slug)).toBe(2);
  });

  it("retries 5xx with backoff and gives up with the last status", async () => {
    gamma.failures.push({ status: 503, body: { error: "Trading is currently disabled" } }, { status: 502, body: "<html>bad gateway</html>" });
    expect((await discoverWindow(await gamma.url(), "btc", 5, T, fast)).slug).toBe("btc-updown-5m-1784850900");
    gamma.failures.push(...Array.from({ length: 3 }, () => ({ status: 500, body: { error: "could not run the execution" } })));
    const err = await discoverWindow(await gamma.url(), "btc", 5, T, { ...fast, attempts: 3 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GammaError);
    expect(err).toMatchObject({ status: 500, message: expect.stringMatching(/could not run the execution.*gave up after 3 attempts/) });
  });

  it("a 404 is a clear error at once, without retries", async () => {
    const far = Date.UTC(2030, 0, 1);
    const err = await discoverWindow(await gamma.url(), "btc", 5, far, fast).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GammaError);
    expect(err).toMatchObject({ status: 404, slug: "btc-updown-5m-1893456000", message: "window btc-updown-5m-1893456000 not found on Gamma (HTTP 404)" });
    expect(gamma.http.requests).toHaveLength(1);
  });

  it("an unusable body is a clear error", async () => {
    gamma.failures.push({ status: 200, body: { markets: [{ slug: "btc-updown-5m-1784850900" }] } });
    await expect(discoverWindow(await gamma.url(), "btc", 5, T, fast)).rejects.toThrow(/Gamma answer for btc-updown-5m-1784850900 is unusable: market /);
  });

  it("discovers the current and the next window together", async () => {
    const [cur, next] = await discoverCurrentAndNext(await gamma.url(), "btc", 5, T, fast);
    expect(cur).toMatchObject({ slug: "btc-updown-5m-1784850900" });
    expect(next).toMatchObject({ slug: "btc-updown-5m-1784851200", outcome: "Down" });
    const [, missing] = await discoverCurrentAndNext(await gamma.url(), "btc", 5, 1784851500_000 + 1000, fast);
    expect(missing).toBeInstanceOf(GammaError);
  });
});
