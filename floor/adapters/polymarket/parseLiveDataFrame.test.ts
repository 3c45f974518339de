import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { liveDataCloseVerdict } from "./liveDataClose.ts";
import { parseLiveDataFrame } from "./parseLiveDataFrame.ts";
import { SeqTracker } from "./SeqTracker.ts";

/** Published PolyBolt frames (see the file's _note). */
const fx = JSON.parse(readFileSync(new URL("../../../tests/fixtures/polymarket/live-data-frames.json", import.meta.url), "utf8")) as Record<string, unknown>;
const parse = (name: string) => parseLiveDataFrame(JSON.stringify(fx[name]));

describe("parseLiveDataFrame on the published frames", () => {
  it("reads acks and error acks", () => {
    expect(parse("authed")).toEqual({ ack: "authed", channel: undefined });
    expect(parse("subscribed")).toEqual({ ack: "subscribed", channel: "price.crypto" });
    expect(parse("pong")).toEqual({ ack: "pong", channel: undefined });
    expect(parse("authRequired")).toEqual({ error: { op: "error", code: "auth_required", channel: "price.crypto", rid: "s1" } });
    expect(parse("authInvalid")).toMatchObject({ error: { code: "auth_invalid" } });
  });

  it("reads a spot snapshot (oldest first) and a spot update, from full_accuracy_value", () => {
    expect(parse("spotSnapshot")).toEqual({
      prices: { channel: "price.crypto", seq: 1, snapshot: true, dropped: 0, symbol: "btcusd", source: "pyth", windowSeconds: undefined, points: [{ priceUsd: 64123.5, tsMs: 1788972880000 }, { priceUsd: 64125.1, tsMs: 1788972881000 }] },
    });
    expect(parse("spotUpdate")).toMatchObject({ prices: { seq: 2, snapshot: false, points: [{ priceUsd: 64126, tsMs: 1788973001000 }] } });
  });

  it("reads the 60 s Chainlink TWAP, update and snapshot", () => {
    expect(parse("twapUpdate")).toMatchObject({ prices: { channel: "price.crypto.twap", seq: 3, source: "chainlink", windowSeconds: 60, points: [{ priceUsd: 64120.7, tsMs: 1788973002000 }] } });
    expect(parse("twapSnapshot")).toMatchObject({ prices: { snapshot: true, windowSeconds: 60, points: [{ priceUsd: 64120.2 }, { priceUsd: 64120.7 }] } });
  });

  it("refuses an E18-scaled value, ignores other channels, and says what is wrong with the rest", () => {
    expect(parse("e18Twap")).toEqual({ malformed: expect.stringContaining("disagrees with value") });
    expect(parse("equityUpdate")).toEqual({ ignored: "channel price.equity" });
    expect(parseLiveDataFrame("PONG")).toEqual({ malformed: expect.stringContaining("not JSON") });
    expect(parseLiveDataFrame(JSON.stringify({ ...(fx.spotUpdate as object), v: 2 }))).toEqual({ malformed: expect.stringContaining("v") });
    expect(parseLiveDataFrame(JSON.stringify({ op: "hello" }))).toEqual({ malformed: expect.stringContaining("ack op") });
    const noValue = { ...(fx.spotUpdate as { payload: object }), payload: { symbol: "btcusd", timestamp: 1, full_accuracy_value: "1" } };
    expect(parseLiveDataFrame(JSON.stringify(noValue))).toEqual({ malformed: expect.stringContaining("payload.value") });
  });
});

describe("SeqTracker", () => {
  it("reports a seq jump and a dropped count per channel, and starts over on a new connection", () => {
    const t = new SeqTracker();
    expect(t.check("price.crypto", 1, 0)).toBeUndefined();
    expect(t.check("price.crypto.twap", 1, 0)).toBeUndefined(); // channels count separately
    expect(t.check("price.crypto", 2, 0)).toBeUndefined();
    expect(t.check("price.crypto", 5, 0)).toBe("price.crypto: seq 5 after 2: 2 missing");
    expect(t.check("price.crypto.twap", 2, 3)).toBe("price.crypto.twap: the server dropped 3 frames (slow consumer)");
    t.reset();
    expect(t.check("price.crypto", 1, 0)).toBeUndefined();
  });
});

describe("liveDataCloseVerdict", () => {
  it("stops on 4001 and 4008, waits 0-10 s on 4003, backs off on 4002 and the rest", () => {
    expect(liveDataCloseVerdict(4001, "", 10_000)).toEqual({ stop: expect.stringMatching(/authentication failed \(close 4001\).*refused/) });
    expect(liveDataCloseVerdict(4008, "sub_limit", 10_000)).toEqual({ stop: expect.stringContaining("policy violation (close 4008: sub_limit)") });
    expect(liveDataCloseVerdict(4003, "", 10_000, () => 0.25)).toEqual({ delayMs: 2500, detail: expect.stringContaining("draining") });
    expect(liveDataCloseVerdict(4002, "", 10_000)).toEqual({ detail: expect.stringContaining("slow consumer") });
    expect(liveDataCloseVerdict(1006, "", 10_000)).toBeUndefined();
  });
});
