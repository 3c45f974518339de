import { describe, expect, it } from "vitest";
import { wsPayloads } from "../../../tests/feed/live/fixtures.ts";
import { parseBinanceFrame, parseRtdsFrame } from "./parseSpotFrame.ts";

const fx = wsPayloads();

describe("parseRtdsFrame", () => {
  it("reads the first message's history, sorted, and updates", () => {
    const first = parseRtdsFrame(JSON.stringify(fx.rtdsFirst));
    expect(first).toEqual({ points: [
      { priceUsd: 65020.11, tsMs: 1784850899000 }, { priceUsd: 65026.457815, tsMs: 1784850900000 },
      { priceUsd: 65027.9, tsMs: 1784850901000 }, { priceUsd: 65030.25, tsMs: 1784850902000 },
    ] });
    expect(parseRtdsFrame(JSON.stringify(fx.rtdsUpdate))).toEqual({ points: [{ priceUsd: 65031.5, tsMs: 1784850903000 }] });
  });
  it("answers PONG as a keepalive and ignores other topics and symbols", () => {
    expect(parseRtdsFrame("PONG")).toEqual({ pong: true });
    expect(parseRtdsFrame(JSON.stringify({ ...fx.rtdsUpdate, topic: "crypto_prices" }))).toHaveProperty("ignored");
    expect(parseRtdsFrame(JSON.stringify({ ...fx.rtdsUpdate, payload: { symbol: "eth/usd", timestamp: 1, value: 3000 } }))).toHaveProperty("ignored");
  });
  it("reports malformed frames", () => {
    for (const bad of ["{", "[]", "null", '{"topic":"crypto_prices_chainlink"}',
      JSON.stringify({ ...fx.rtdsUpdate, payload: { symbol: "btc/usd", timestamp: 1784850903000, value: -1 } }),
      JSON.stringify({ ...fx.rtdsUpdate, payload: { symbol: "btc/usd", timestamp: 1784850903000, value: 1e308 } }),
      JSON.stringify({ ...fx.rtdsUpdate, payload: { symbol: "btc/usd" } })]) {
      expect(parseRtdsFrame(bad), bad).toHaveProperty("malformed");
    }
  });
});

describe("parseBinanceFrame", () => {
  it("reads a trade's price and trade time", () => {
    expect(parseBinanceFrame(JSON.stringify(fx.binanceTrade))).toEqual({ points: [{ priceUsd: 65040.12, tsMs: 1784850903511 }] });
  });
  it("ignores other events and reports malformed trades", () => {
    expect(parseBinanceFrame('{"result":null,"id":1}')).toHaveProperty("ignored");
    expect(parseBinanceFrame(JSON.stringify({ ...fx.binanceTrade, p: "abc" }))).toHaveProperty("malformed");
    expect(parseBinanceFrame("[1,2]")).toHaveProperty("malformed");
  });
});
