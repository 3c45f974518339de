import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { LiveFeedSpec } from "../../../agents/feed/live/liveFeedAgent.ts";
import type { LiveFeedOptions } from "../../../agents/feed/live/liveFeedOptions.ts";
import { FeedHarness } from "./FeedHarness.ts";
import { sleep } from "./waitFor.ts";

const W1 = "btc-updown-5m-1784850900";
const W2 = "btc-updown-5m-1784851200";
const START = 1784850900_000;
const END = 1784851200_000;

let h: FeedHarness;
let clob: FeedHarness["clob"], gamma: FeedHarness["gamma"], rtds: FeedHarness["rtds"], host: FeedHarness["host"], clock: FeedHarness["clock"];

const msgs = (subject: string) => h.msgs(subject);
const rtdsUpdate = (tsMs: number, value: number) => ({ topic: "crypto_prices_chainlink", type: "update", timestamp: tsMs + 120, payload: { symbol: "btc/usd", timestamp: tsMs, value } });
const drive = (cond: () => boolean, what: string, stepMs = 50) => h.drive(cond, what, stepMs);

async function startFeed(at: number, options: Partial<LiveFeedOptions> = {}): Promise<LiveFeedSpec> {
  const spec = await h.start(at, options);
  ({ host, clock } = h);
  return spec;
}

beforeEach(() => {
  h = new FeedHarness();
  ({ clob, gamma, rtds } = h);
  gamma.live.add(W1).add(W2);
  rtds.onMessage = (ws, text) => { if (JSON.parse(text).action === "subscribe") rtds.send(clob.fx.rtdsFirst, ws); };
});
afterEach(() => h.close());

describe("liveFeedAgent in an AgentHost against local Gamma, CLOB and RTDS", () => {
  it("opens the window with the Chainlink strike, streams book, prints and spot, closes, resolves from market_resolved, opens the next", async () => {
    const s = await startFeed(START + 2500);
    const { fx } = clob;
    // W2 is discovered by a second Gamma request: wait for its tokens too (asserting at once was a race).
    const followed = () => clob.subscriptions().flatMap((x) => x.msg.assets_ids as string[]).length;
    await drive(() => msgs(`md.market.${W1}.open`).length === 1 && msgs(`md.book.${W1}`).length > 0 && followed() === 4, "open, first book, both windows followed");
    expect(msgs(`md.market.${W1}.open`)[0]).toMatchObject({
      phase: "open", slug: W1, symbol: "BTCUSD", upTokenId: fx.upTokenId, downTokenId: fx.downTokenId, startTs: START, endTs: END,
      strike: 65_026_457_815, fee: { rate: 0.07, exponent: 1, takerOnly: true }, tickSize: 1_000, minSize: 5_000_000,
    });
    expect(gamma.hits(W1)).toBe(1);
    expect(gamma.hits(W2)).toBe(1);
    expect(clob.subscriptions()[0]!.msg.assets_ids).toEqual(expect.arrayContaining([fx.upTokenId, fx.downTokenId]));
    expect(clob.subscriptions().flatMap((x) => x.msg.assets_ids as string[])).toHaveLength(4); // W1 and W2 tokens
    expect(msgs(`md.book.${W1}`)[0]).toMatchObject({ tokenId: fx.upTokenId, tickSize: 10_000 });
    expect((msgs(`md.book.${W1}`)[0]!.bids as Array<{ price: number }>).map((l) => l.price)).toEqual([510_000, 500_000, 480_000]);
    expect(msgs("md.spot.BTCUSD").map((m) => m.price)).toEqual([65_020_110_000, 65_026_457_815, 65_027_900_000, 65_030_250_000]);

    const books = msgs(`md.book.${W1}`).length;
    clob.ws.send([fx.priceChange, fx.lastTradePrice]);
    await drive(() => msgs(`md.book.${W1}`).some((b) => (b.bids as Array<{ price: number }>)[0]?.price === 520_000), "book after price change");
    expect(msgs(`md.book.${W1}`).length).toBe(books + 1);
    expect(msgs(`md.trade.${W1}`)).toEqual([expect.objectContaining({ tokenId: fx.upTokenId, price: 585_000, size: 2_460_000, side: "SELL" })]);
    expect(msgs("md.health.clob").map((h) => h.status)).toEqual(["ok"]);
    expect(msgs("md.health.rtds")[0]).toMatchObject({ status: "ok", subject: "BTCUSD", expectedIntervalMs: 1000 });
    expect(msgs("md.health.gamma")[0]).toMatchObject({ status: "ok", expectedIntervalMs: 300_000 });

    clob.ws.send(fx.marketResolved); // arrives around the close; applied once the window has closed
    rtds.send(rtdsUpdate(END, 65_100.5));
    clock.advanceTo(END - 100);
    await drive(() => msgs(`md.market.${W1}.resolved`).length === 1 && msgs(`md.market.${W2}.open`).length === 1, "close, resolution and next open");
    expect(msgs(`md.market.${W1}.close`)).toEqual([expect.objectContaining({ endPrice: 65_100_500_000 })]);
    expect(msgs(`md.market.${W1}.resolved`)).toEqual([expect.objectContaining({ outcome: "Up", derived: false })]);
    expect(msgs(`md.market.${W2}.open`)[0]).toMatchObject({ strike: 65_100_500_000, startTs: END });
    expect(s.stats().publishErrors).toBe(0);
    expect(host!.counters.published).toBeGreaterThan(10);
  });

  it("takes the strike from priceToBeat, resolves by polling Gamma after the close, and reports reconnecting feeds", async () => {
    gamma.metadata.set(W1, { priceToBeat: 65026.457815 });
    rtds.onMessage = () => {}; // RTDS sends nothing at first: the strike must come from Gamma
    await startFeed(START + 2500);
    await drive(() => msgs(`md.market.${W1}.open`).length === 1, "open");
    expect(msgs(`md.market.${W1}.open`)[0]).toMatchObject({ strike: 65_026_457_815 });

    clob.ws.dropAll();
    await drive(() => msgs("md.health.clob").some((h) => h.status === "reconnecting") && clob.ws.connections === 2, "clob reconnect");
    await drive(() => msgs("md.health.clob").at(-1)?.status === "ok", "clob ok again");

    rtds.send(rtdsUpdate(END + 500, 64_990));
    clock.advanceTo(END);
    await drive(() => msgs(`md.market.${W1}.close`).length === 1, "close");
    expect(msgs(`md.market.${W1}.close`)[0]).toMatchObject({ endPrice: 64_990_000_000 });
    await sleep(30);
    expect(msgs(`md.market.${W1}.resolved`)).toEqual([]); // Gamma still shows it trading
    gamma.live.delete(W1); // now Gamma has the real resolved object: outcomePrices ["1", "0"]
    await drive(() => msgs(`md.market.${W1}.resolved`).length === 1, "resolution from Gamma");
    expect(msgs(`md.market.${W1}.resolved`)[0]).toMatchObject({ outcome: "Up", derived: false });
    expect(gamma.hits(W1)).toBeGreaterThanOrEqual(3);
  });
});
