import { readFileSync } from "node:fs";
import { afterAll, expect, it } from "vitest";
import { loadDataset, marketPriceSource, planReplay } from "../../floor/replay/index.ts";
import { decode, patterns, type BookSnapshot } from "../../protocols/index.ts";
import { LocalBus } from "../../floor/bus/index.ts";
import { loadFloorConfig } from "../../floor/config/index.ts";
import { createLogger } from "../../floor/log/createLogger.ts";
import { Recorder } from "../../floor/record/index.ts";
import { replaySource } from "../../agents/sources.ts";
import { runFloor } from "../../floor/runner/index.ts";
import { openDb } from "../../state/index.ts";
import { tmpDir } from "../helpers/tmp.ts";

const tmp = tmpDir("record");
afterAll(() => tmp.remove());
const log = createLogger({ level: "silent" });

it("records a floor's market data in the replay format, and replaying the recording gives back the same windows and outcomes", async () => {
  const config = loadFloorConfig(undefined);
  const bus = new LocalBus();
  const rec = new Recorder(bus, tmp.path("rec"), { spotSource: "polyfloor simulator" });
  await runFloor({ config, bus, dbPath: tmp.path("sim.db"), seed: 9, speed: "max", untilMs: 2 * 3_600_000, log });
  await bus.idle();
  rec.close();
  await bus.close();
  expect(rec.counters).toMatchObject({ resolved: 8, invalid: 0 });
  expect(rec.counters.spot).toBe(7201);
  expect(readFileSync(tmp.path("rec/spot.csv"), "utf8").split("\n")[0]).toBe("ts_ms,price");

  const simDb = openDb(tmp.path("sim.db"), { readonly: true });
  const simMarkets = simDb.prepare("SELECT market_id, outcome, strike_micro FROM markets WHERE outcome IS NOT NULL ORDER BY market_id").all() as Array<{ market_id: string; outcome: string; strike_micro: number }>;
  simDb.close();

  const plan = planReplay(loadDataset(tmp.path("rec")));
  expect(plan.dataset.format).toBe("polyfloor");
  expect(plan.skipped).toEqual([]);
  expect(plan.markets.map((m) => [m.marketId, m.outcome, Math.round(m.strike * 1e6)])).toEqual(simMarkets.map((m) => [m.market_id, m.outcome, m.strike_micro]));
  // Outcomes were recorded as given; deriving them from the recorded spot agrees.
  expect(plan.markets.every((m) => m.outcomeSource === "given" && m.derivedCheck?.outcome === m.outcome)).toBe(true);

  // The whole books were recorded too (one a second per window), and a replay trades through them.
  const books = plan.dataset.books!;
  expect(books.size).toBe(8);
  expect(plan.markets.every((m) => marketPriceSource(plan.dataset, m) === "books")).toBe(true);
  const first = [...books.values()][0]!;
  expect(first.length).toBeGreaterThan(500);
  for (const b of first.slice(0, 50)) {
    expect(b.bids.map((l) => l.price)).toEqual([...b.bids.map((l) => l.price)].sort((x, y) => y - x));
    expect(b.asks[0]!.price).toBeGreaterThan(b.bids[0]!.price);
  }
  const replayBus = new LocalBus();
  const seen: Array<{ ts: number; ask: number | undefined }> = [];
  replayBus.subscribe(patterns.book, (m) => {
    const d = decode<BookSnapshot>(m.subject, m.data);
    if (d.ok && d.msg.marketId === plan.markets[0]!.marketId) seen.push({ ts: d.msg.ts, ask: d.msg.asks[0]?.price });
  });
  const replayed = await runFloor({ config, bus: replayBus, dbPath: tmp.path("replay.db"), seed: 9, speed: "max", log, source: replaySource(plan, config.floor.sim, 9) });
  await replayBus.close();
  expect(replayed.marketsSettled).toBe(8);
  // The replay published the window's recorded books, at their times and as they were.
  const recorded = books.get(plan.markets[0]!.marketId)!;
  expect(seen.length).toBe(recorded.length);
  expect(seen.slice(0, 20)).toEqual(recorded.slice(0, 20).map((b) => ({ ts: b.ts, ask: b.asks[0]?.price })));
});
