import { afterAll, expect, it } from "vitest";
import { LocalBus } from "../../../floor/bus/index.ts";
import { loadFloorConfig } from "../../../floor/config/index.ts";
import { createLogger } from "../../../floor/log/createLogger.ts";
import { liveSource } from "../../../agents/sources.ts";
import { runFloor } from "../../../floor/runner/index.ts";
import { getMeta, openDb } from "../../../state/index.ts";
import { tmpDir } from "../../helpers/tmp.ts";
import { FakeClob } from "./FakeClob.ts";
import { FakeGamma } from "./FakeGamma.ts";
import { FakeWsServer } from "./FakeWsServer.ts";

const W1 = "btc-updown-5m-1784850900";
const START = 1784850900_000;
const tmp = tmpDir("paper");
afterAll(() => tmp.remove());

it("runs the whole floor in paper mode on live feeds (a local venue), in real time, and stops with every socket closed", async () => {
  const clob = new FakeClob();
  const gamma = new FakeGamma();
  gamma.live.add(W1);
  const rtds = new FakeWsServer();
  rtds.onMessage = (ws, text) => {
    if ((JSON.parse(text) as { action?: string }).action === "subscribe") rtds.send(clob.fx.rtdsFirst, ws);
  };
  const { url, restUrl } = await clob.urls();
  const bus = new LocalBus();
  const books: string[] = [];
  bus.subscribe("md.book.*", (m) => void books.push(m.subject));
  const source = liveSource(
    { minutes: 5, gammaUrl: await gamma.url(), clobWsUrl: url, clobRestUrl: restUrl, rtdsUrl: await rtds.url(), clobPingMs: 100, rtdsPingMs: 100, backoffMinMs: 10 },
    START + 2500, // the floor clock starts inside the recorded window and then follows the wall clock
  );
  const dbPath = tmp.path("paper.db");
  const status = await runFloor({ config: loadFloorConfig(undefined), bus, dbPath, seed: 1, speed: 1, untilMs: 3000, log: createLogger({ level: "silent" }), source });
  await bus.close();
  await Promise.all([clob.close(), gamma.close(), rtds.close()]);

  expect(status.mode).toBe("paper");
  expect(status.marketsOpened).toBe(1);
  expect(books.length).toBeGreaterThan(0);
  expect(books.every((s) => s === `md.book.${W1}`)).toBe(true);
  expect(status.live.exchange!.received).toBeGreaterThan(0); // the paper exchange sees the live book
  expect(status.floorTime! - (START + 2000)).toBeGreaterThanOrEqual(3000);
  const db = openDb(dbPath, { readonly: true });
  expect(getMeta(db, "mode")).toBe("paper");
  const market = db.prepare("SELECT strike_micro, up_token_id FROM markets WHERE market_id = ?").get(W1) as { strike_micro: number; up_token_id: string };
  db.close();
  expect(market.strike_micro).toBe(65_026_457_815); // the recorded Chainlink price at the window's start
  expect(market.up_token_id).toMatch(/^\d{77,78}$/);
});
