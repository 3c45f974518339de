import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AgentHost } from "../../../floor/host/index.ts";
import { LocalBus } from "../../../floor/bus/index.ts";
import { SimClock } from "../../../floor/clock/index.ts";
import { createLogger } from "../../../floor/log/createLogger.ts";
import { decode } from "../../../protocols/index.ts";
import { openDb, type Db } from "../../../state/index.ts";
import { liveFeedAgent, type LiveFeedSpec } from "../../../agents/feed/live/liveFeedAgent.ts";
import { FakeClob } from "./FakeClob.ts";
import { FakeGamma } from "./FakeGamma.ts";
import { FakeWsServer } from "./FakeWsServer.ts";
import { tmpDir } from "../../helpers/tmp.ts";
import { sleep, waitFor } from "./waitFor.ts";

const W1 = "btc-updown-5m-1784850900";
const W2 = "btc-updown-5m-1784851200";
const START = 1784850900_000;
const END = 1784851200_000;

let tmp: ReturnType<typeof tmpDir>, db: Db, bus: LocalBus, clock: SimClock;
let clob: FakeClob, gamma: FakeGamma, rtds: FakeWsServer, host: AgentHost | undefined, spec: LiveFeedSpec | undefined;
let seen: Array<{ subject: string; msg: Record<string, unknown> }>;

const msgs = (subject: string) => seen.filter((m) => m.subject === subject).map((m) => m.msg);
const rtdsUpdate = (tsMs: number, value: number) => ({ topic: "crypto_prices_chainlink", type: "update", timestamp: tsMs + 120, payload: { symbol: "btc/usd", timestamp: tsMs, value } });

/** Drive the floor clock in `stepMs` steps (real time passes too, for the sockets) until `cond` holds. */
async function drive(cond: () => boolean, what: string, stepMs = 50): Promise<void> {
  await waitFor(() => {
    clock.advanceTo(clock.now() + stepMs);
    host!.tick(clock.now());
    return cond();
  }, what, 8000);
  await bus.idle();
}

async function startFeed(at: number): Promise<LiveFeedSpec> {
  clock = new SimClock(at);
  const { url, restUrl } = await clob.urls();
  spec = liveFeedAgent("feed-live", {
    minutes: 5, gammaUrl: await gamma.url(), clobWsUrl: url, clobRestUrl: restUrl, rtdsUrl: await rtds.url(),
    bookThrottleMs: 250, clobPingMs: 50, rtdsPingMs: 50, clobStaleMs: 5000, rtdsStaleMs: 5000, backoffMinMs: 10, backoffMaxMs: 50,
    resolvePollMs: 100, closeGraceMs: 2000,
  });
  host = new AgentHost(spec, { bus, clock, db, log: createLogger({ level: "silent" }), runId: 1 });
  host.start();
  return spec;
}

beforeEach(() => {
  tmp = tmpDir("live-feed");
  db = openDb(tmp.path("floor.db"));
  bus = new LocalBus();
  seen = [];
  bus.subscribe("md.>", (m) => {
    const d = decode<Record<string, unknown>>(m.subject, m.data); // what the host published must validate
    if (!d.ok) throw new Error(`invalid ${m.subject}: ${d.error}`);
    seen.push({ subject: m.subject, msg: d.msg });
  });
  clob = new FakeClob();
  gamma = new FakeGamma();
  gamma.live.add(W1).add(W2);
  rtds = new FakeWsServer();
  rtds.onMessage = (ws, text) => { if (JSON.parse(text).action === "subscribe") rtds.send(clob.fx.rtdsFirst, ws); };
});
afterEach(async () => {
  host?.stop();
  await spec?.stopped();
  host = spec = undefined;
  await Promise.all([clob.close(), gamma.close(), rtds.close()]);
  await bus.close();
  db.close();
  tmp.remove();
});

describe("liveFeedAgent in an AgentHost against local Gamma, CLOB and RTDS", () => {
  it("opens the window with the Chainlink strike, streams book, prints and spot, closes, resolves from market_resolved, opens the next", async () => {
    const s = await startFeed(START + 2500);
    const { fx } = clob;
    await drive(() => msgs(`md.market.${W1}.open`).length === 1 && msgs(`md.book.${W1}`).length > 0, "open and first book");
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
