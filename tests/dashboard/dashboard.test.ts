import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { LocalBus } from "../../floor/bus/index.ts";
import { loadFloorConfig } from "../../floor/config/index.ts";
import { startDashboard, type Dashboard } from "../../floor/dashboard/index.ts";
import { createLogger } from "../../floor/log/createLogger.ts";
import { runFloor } from "../../floor/runner/index.ts";
import { CHROMIUM_ARGS, describeChromium } from "../helpers/chromium.ts";
import { tmpDir } from "../helpers/tmp.ts";

describeChromium("dashboard in Chromium", (executablePath) => {
  const tmp = tmpDir("dash");
  const stop = new AbortController();
  let dashboard: Dashboard | undefined;
  let guarded: Dashboard | undefined;
  const token = "a-token-only-the-owner-knows-42";
  let browser: Browser;
  let running: Promise<unknown>;

  beforeAll(async () => {
    const ready = new Promise<void>((resolve) => {
      running = runFloor({
        config: loadFloorConfig(undefined), bus: new LocalBus(), dbPath: tmp.path("dash.db"), seed: 5, speed: 120, signal: stop.signal,
        log: createLogger({ level: "silent" }),
        onReady: async (live) => {
          dashboard = await startDashboard("127.0.0.1:0", live);
          guarded = await startDashboard({ host: "127.0.0.1", port: 0, token }, live);
          resolve();
        },
      });
    });
    await ready;
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    stop.abort();
    await running;
    await dashboard?.close();
    await guarded?.close();
    tmp.remove();
  });

  it("shows every agent with its live state, and keeps up with the floor", async () => {
    const page = await browser.newPage();
    await page.goto(dashboard!.url);
    await page.locator('tr[data-agent="momentum-1"]').waitFor({ timeout: 10_000 });
    const agents = await Promise.all((await page.locator("tbody tr").all()).map((row) => row.getAttribute("data-agent")));
    expect(agents).toEqual(expect.arrayContaining(["auditor", "boss", "exchange", "feed", "momentum-1", "monitor"]));
    expect(await page.locator('tr[data-agent="momentum-1"] td.state').textContent()).toMatch(/^(warmingUp|trading)$/);
    expect(await page.locator('tr[data-agent="exchange"] td.state').textContent()).toBe("open");
    const first = await page.locator("#summary").textContent();
    expect(first).toMatch(/^floor time 2026-01-01 \d\d:\d\d:\d\d · markets settled \d+/);
    // The page polls: floor time moves on while we watch.
    await expect.poll(() => page.locator("#summary").textContent(), { timeout: 10_000, interval: 250 }).not.toBe(first);
    expect(await page.locator("#error").textContent()).toBe("");
    await page.screenshot({ path: tmp.path("dashboard.png") });
  });

  it("with a token: refuses a visit without it, and works in the browser after one visit with ?token=", async () => {
    const page = await browser.newPage();
    const refused = await page.goto(guarded!.url);
    expect(refused?.status()).toBe(401);
    await page.goto(`${guarded!.url}?token=${token}`);
    // The token leaves the address bar at once; the cookie it set carries every later request.
    expect(page.url()).toBe(guarded!.url);
    await page.locator('tr[data-agent="momentum-1"]').waitFor({ timeout: 10_000 });
    const first = await page.locator("#summary").textContent();
    await expect.poll(() => page.locator("#summary").textContent(), { timeout: 10_000, interval: 250 }).not.toBe(first);
    expect(await page.locator("#error").textContent()).toBe("");
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === "polyfloor_dashboard")).toMatchObject({ httpOnly: true, sameSite: "Strict" });
    // Another browser, without the cookie, is still refused the API.
    const stranger = await browser.newContext();
    expect((await stranger.request.get(new URL("api/status", guarded!.url).href)).status()).toBe(401);
    await stranger.close();
  });
});
