import { writeFileSync } from "node:fs";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { LocalBus } from "../../floor/bus/index.ts";
import { loadFloorConfig } from "../../floor/config/index.ts";
import { startDashboard, type Dashboard } from "../../floor/dashboard/index.ts";
import { createLogger } from "../../floor/log/createLogger.ts";
import { liveOptions, liveSource } from "../../agents/sources.ts";
import { runFloor, type LiveStatus } from "../../floor/runner/index.ts";
import { CHROMIUM_ARGS, describeChromium } from "../helpers/chromium.ts";
import { closedLiveYaml, closedPort } from "../helpers/closedPort.ts";
import { tmpDir } from "../helpers/tmp.ts";

// A paper floor whose live endpoints are all at a closed port: the dashboard must say so.
const tmp = tmpDir("dash-health");
const stop = new AbortController();
let dashboard: Dashboard | undefined;
let running: Promise<unknown>;
let port: number;

const status = async (): Promise<LiveStatus> => (await (await fetch(new URL("/api/status", dashboard!.url))).json()) as LiveStatus;

beforeAll(async () => {
  port = await closedPort();
  writeFileSync(tmp.path("floor.yaml"), closedLiveYaml(port));
  const config = loadFloorConfig(tmp.path("floor.yaml"));
  await new Promise<void>((resolve) => {
    running = runFloor({
      config, bus: new LocalBus(), dbPath: tmp.path("dash.db"), seed: 1, speed: 1, signal: stop.signal, log: createLogger({ level: "silent" }),
      source: liveSource(liveOptions(config.floor.live)),
      onReady: async (live) => {
        dashboard = await startDashboard("127.0.0.1:0", live);
        resolve();
      },
    });
  });
});

afterAll(async () => {
  stop.abort();
  await running;
  await dashboard?.close();
  tmp.remove();
});

it("serves each feed's health and the bus's connection in /api/status", async () => {
  await expect.poll(async () => Object.keys((await status()).feeds).length, { timeout: 20_000, interval: 200 }).toBeGreaterThanOrEqual(2);
  const s = await status();
  const refused = `connection refused to 127.0.0.1:${port}`;
  expect(s.feeds.clob).toMatchObject({ status: "reconnecting", since: expect.any(Number), lastError: expect.stringContaining(refused) });
  expect(s.feeds.rtds).toMatchObject({ status: "reconnecting", lastError: expect.stringContaining(refused) });
  expect(s.bus).toMatchObject({ state: "connected", disconnects: 0, reconnects: 0, since: expect.any(Number) });
});

describeChromium("dashboard health in Chromium", (executablePath) => {
  it("shows the feeds reconnecting with their last error, and the bus connected", async () => {
    const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      await page.goto(dashboard!.url);
      const clob = page.locator('#health span[data-health="clob"]');
      await clob.waitFor({ timeout: 10_000 });
      expect(await clob.textContent()).toMatch(new RegExp(`^clob reconnecting since \\d\\d:\\d\\d:\\d\\d \\(.*connection refused to 127\\.0\\.0\\.1:${port}\\)$`));
      expect(await clob.getAttribute("class")).toBe("down");
      expect(await page.locator('#health span[data-health="bus"]').textContent()).toBe("bus connected · 0 disconnects, 0 reconnects");
    } finally {
      await browser.close();
    }
  });
});
