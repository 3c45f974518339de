import { describe, expect, it } from "vitest";
import { decode, encode } from "./codec.ts";
import { subjects } from "./subjects.ts";

const env = { v: 1, id: "feed.1.1", ts: 1_767_225_600_000, src: "feed" };
const UP = "1".repeat(77);

describe("codec", () => {
  it("round-trips a valid message", () => {
    const msg = { ...env, symbol: "BTCUSD", price: 95_000_000_000 };
    const d = decode(subjects.spot("BTCUSD"), encode(subjects.spot("BTCUSD"), msg));
    expect(d).toEqual({ ok: true, msg });
  });
  it("keeps 77-digit token ids as strings and refuses numbers", () => {
    const book = { ...env, marketId: "m1", tokenId: UP, bids: [], asks: [], tickSize: 10_000, minSize: 5_000_000 };
    expect(decode("md.book.m1", JSON.stringify(book))).toMatchObject({ ok: true });
    expect(decode("md.book.m1", JSON.stringify({ ...book, tokenId: 1e76 }))).toMatchObject({ ok: false, error: expect.stringMatching(/tokenId/) });
  });
  it.each([
    ["malformed JSON", "md.spot.BTCUSD", "{nope", /malformed JSON/],
    ["missing envelope", "md.spot.BTCUSD", JSON.stringify({ symbol: "BTCUSD", price: 1 }), /^(v|id|ts|src)/],
    ["wrong version", "md.spot.BTCUSD", JSON.stringify({ ...env, v: 2, symbol: "BTCUSD", price: 1 }), /^v:/],
    ["float money", "md.spot.BTCUSD", JSON.stringify({ ...env, symbol: "BTCUSD", price: 95000.5 }), /price/],
    ["unknown family", "weird.subject", JSON.stringify(env), /unknown subject family/],
    ["price out of (0,1)", "md.trade.m1", JSON.stringify({ ...env, marketId: "m1", tokenId: UP, price: 1_000_000, size: 1, side: "BUY" }), /price/],
    ["marketId differs from subject", "md.trade.m2", JSON.stringify({ ...env, marketId: "m1", tokenId: UP, price: 500_000, size: 1, side: "BUY" }), /does not match subject/],
    ["phase differs from subject", "md.market.m1.close", JSON.stringify({ ...env, phase: "resolved", marketId: "m1", outcome: "Up", derived: true }), /phase/],
  ])("rejects %s without throwing", (_name, subject, data, why) => {
    const d = decode(subject, data);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.error).toMatch(why);
  });
  it("refuses to encode an invalid message (our bug, so it throws)", () => {
    expect(() => encode("md.spot.BTCUSD", { ...env, symbol: "BTCUSD", price: -1 })).toThrow(/invalid message/);
    expect(() => subjects.spot("BTC USD")).toThrow(/invalid symbol/);
  });
});

describe("md.health", () => {
  it("validates a health event and ties its source to the subject", () => {
    const h = { ...env, source: "clob", status: "stale", subject: "btc-updown-15m-1", expectedIntervalMs: 1000, lastDataTs: 5, detail: "no frame for 30 s" };
    expect(decode("md.health.clob", encode("md.health.clob", h))).toMatchObject({ ok: true });
    expect(decode("md.health.rtds", JSON.stringify(h))).toMatchObject({ ok: false, error: expect.stringMatching(/source/) });
    expect(decode("md.health.clob", JSON.stringify({ ...h, status: "dead" }))).toMatchObject({ ok: false });
  });
});
