import { JetStreamApiError } from "@nats-io/jetstream";
import { TimeoutError } from "@nats-io/transport-node";
import { describe, expect, it } from "vitest";
import { retryDelayMs, retryJetStream, transientJetStreamError } from "./jetStreamRetry.ts";

const jsErr = (err_code: number, code = 503) => new JetStreamApiError({ code, err_code, description: `err ${err_code}` });

describe("transientJetStreamError", () => {
  it("is true for a timeout, wrapped or not, and for a cluster electing; false for the rest", () => {
    expect(transientJetStreamError(new TimeoutError(), false)).toBe(true);
    expect(transientJetStreamError(new Error("JetStream is not available on x (start nats-server with -js): timeout", { cause: new TimeoutError() }), false)).toBe(true);
    expect(transientJetStreamError(new Error("timed out"), false)).toBe(true);
    expect(transientJetStreamError(jsErr(10008), false)).toBe(true);
    expect(transientJetStreamError(jsErr(10059, 404), true)).toBe(false); // stream not found
    expect(transientJetStreamError(new Error("permissions violation"), true)).toBe(false);
    expect(transientJetStreamError("timeout", true)).toBe(false);
  });

  it("takes insufficient resources as transient only on a cluster (a single server never gets more peers)", () => {
    expect(transientJetStreamError(new Error("cannot create", { cause: jsErr(10023) }), true)).toBe(true);
    expect(transientJetStreamError(new Error("cannot create", { cause: jsErr(10023) }), false)).toBe(false);
  });
});

describe("retryDelayMs", () => {
  it("doubles from 250 ms up to 4 s", () => {
    expect([1, 2, 3, 4, 5, 6, 9].map((a) => retryDelayMs(a))).toEqual([250, 500, 1000, 2000, 4000, 4000, 4000]);
  });
});

describe("retryJetStream", () => {
  it("tries again on a timeout until it succeeds, telling each retry", async () => {
    let n = 0;
    const retries: number[] = [];
    const v = await retryJetStream("x", async () => (++n < 3 ? Promise.reject(new TimeoutError()) : "ok"), { onRetry: (a) => retries.push(a) });
    expect({ v, n, retries }).toEqual({ v: "ok", n: 3, retries: [1, 2] });
  });

  it("throws any other error at once", async () => {
    let n = 0;
    await expect(retryJetStream("x", async () => Promise.reject(new Error(`refused ${++n}`)))).rejects.toThrow("refused 1");
    expect(n).toBe(1);
  });

  it("gives up after its budget, naming what and how long", async () => {
    let n = 0;
    const began = Date.now();
    await expect(retryJetStream("creating the stream", async () => Promise.reject(Object.assign(new TimeoutError(), { n: ++n })), { budgetMs: 800 })).rejects.toThrow(/^creating the stream: JetStream still failing after 3 tries over \d s \(.*timeout.*\)/i);
    expect(n).toBe(3); // 250 + 500 ms of waits fit 800 ms, a third wait (1 s) would not
    expect(Date.now() - began).toBeLessThan(1500);
  });
});
