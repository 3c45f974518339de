import { readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openDb } from "../../state/index.ts";
import { FakeVenue } from "../feed/live/FakeVenue.ts";
import { floor } from "../helpers/floorCli.ts";
import { tmpDir } from "../helpers/tmp.ts";

const tmp = tmpDir("cli-live");
let venue: FakeVenue;
let config: string;
beforeAll(async () => {
  venue = new FakeVenue(5);
  config = tmp.path("floor.yaml");
  writeFileSync(config, `statusEverySec: 1\n${await venue.liveYaml()}`);
});
afterAll(async () => {
  await venue.close();
  tmp.remove();
});

it("floor start --mode paper trades the live window's book in real time and stops cleanly", async () => {
  const db = tmp.path("paper.db");
  const r = await floor(["start", "--mode", "paper", "--config", config, "--db", db, "--until", "4s", "--dashboard", "off"]);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/market\s+live: btc 5m windows from http:\/\/127\.0\.0\.1:\d+/);
  expect(r.stdout).toMatch(/stopped cleanly/);
  const d = openDb(db, { readonly: true });
  const markets = d.prepare("SELECT market_id, strike_micro FROM markets").all() as Array<{ market_id: string; strike_micro: number }>;
  const mode = (d.prepare("SELECT value FROM floor_meta WHERE key = 'mode'").get() as { value: string }).value;
  d.close();
  expect(mode).toBe("paper");
  // The current window, and the next too if the run happened to cross a 5-minute boundary.
  expect(markets.length).toBeGreaterThanOrEqual(1);
  expect(markets.length).toBeLessThanOrEqual(2);
  for (const m of markets) {
    expect(m.market_id).toMatch(/^btc-updown-5m-\d+$/);
    expect(m.strike_micro).toBeGreaterThan(95_000_000_000); // Gamma's price to beat
  }
});

it("refuses --speed in paper mode", async () => {
  const r = await floor(["start", "--mode", "paper", "--speed", "10", "--config", config]);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/paper trading runs in real time/);
});

it("floor record --out DIR writes the live feeds in the replay format", async () => {
  const out = tmp.path("recording");
  const r = await floor(["record", "--out", out, "--duration", "3s", "--config", config]);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/recorded (\d+) spot ticks, (\d+) Up-price points/);
  const [, ticks, points] = /recorded (\d+) spot ticks, (\d+) Up-price points/.exec(r.stdout)!;
  expect(Number(ticks)).toBeGreaterThan(0);
  expect(Number(points)).toBeGreaterThan(0);
  expect(JSON.parse(readFileSync(`${out}/dataset.json`, "utf8"))).toMatchObject({ format: "polyfloor-replay", version: 1, spotKind: "ticks" });
  const rows = readFileSync(`${out}/spot.csv`, "utf8").trim().split("\n");
  expect(rows[0]).toBe("ts_ms,price");
  expect(rows.length - 1).toBe(Number(ticks));
  const again = await floor(["record", "--out", out, "--duration", "1s", "--config", config]);
  expect(again.code).toBe(2);
  expect(again.stderr).toMatch(/not empty/);
});
