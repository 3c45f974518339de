import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { LocalBus } from "../../floor/bus/index.ts";
import type { Dashboard, DashboardFeed } from "../../floor/dashboard/index.ts";
import type { FloorHandles, LiveStatus } from "../../floor/runner/index.ts";
import { encode, PROTOCOL_VERSION } from "../../protocols/index.ts";
import { CHROMIUM_ARGS, describeChromium } from "../helpers/chromium.ts";
import { startDashboardFloor, type DashboardFloor } from "../helpers/dashboardFloor.ts";
import { tmpDir } from "../helpers/tmp.ts";

const ARTIFACTS = resolve("tests/.artifacts");

/**
 * The dashboard page of a running sim floor (in-process bus, real SQLite, real HTTP) in Debian's
 * Chromium, offline: every request that is not to the dashboard's own origin is blocked and
 * counted. Issue 14's "Done when": every agent shown, a trader's statechart with its state
 * highlighted, paused from the page's own button (audited; the highlight moves to `paused` live),
 * a birth appearing in the family tree; with a token; the digests' links.
 */
describeChromium("the dashboard page in Chromium", (executablePath) => {
  const tmp = tmpDir("dash-page");
  let running: DashboardFloor;
  let bus: LocalBus, feed: DashboardFeed;
  const token = "a-token-only-the-owner-knows-42";
  const TRADER = "momentum-1";
  const CLONE = "momentum-2";
  let open: Dashboard, guarded: Dashboard;
  let floor: FloorHandles;
  let live: () => LiveStatus;
  let browser: Browser;
  const blocked: string[] = [];
  const problems: string[] = [];

  /** A browser context that reaches only `origin`: anything else is refused and counted. */
  async function offline(origin: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (new URL(url).origin === origin) return route.continue();
      blocked.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error" && !/favicon|401/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    return { context, page };
  }
  const shot = async (target: Page | ReturnType<Page["locator"]>, name: string) => {
    const path = `${ARTIFACTS}/dashboard-${name}.png`;
    await target.screenshot({ path });
    console.log(`screenshot: ${path}`);
  };
  const operatorAudits = () => floor.db.prepare("SELECT detail_json FROM audit_log WHERE kind = 'operator_command' ORDER BY seq").all() as Array<{ detail_json: string }>;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const digests = tmp.path("digests");
    mkdirSync(digests);
    writeFileSync(tmp.path("digests/2026-01-01.md"), "# Daily digest 2026-01-01\n");
    writeFileSync(tmp.path("digests/2026-01-01.html"), "<!doctype html><title>2026-01-01</title><h1>Daily digest</h1>");
    writeFileSync(tmp.path("digests/notes.txt"), "not a digest");
    writeFileSync(tmp.path("secret.md"), "outside the folder");
    symlinkSync(tmp.path("secret.md"), tmp.path("digests/2026-01-03.md"));
    running = await startDashboardFloor({ dbPath: tmp.path("floor.db"), seed: 7, token, trader: TRADER, digests: { open: digests, guarded: tmp.path("nowhere") } });
    ({ bus, feed, open, guarded, floor, live } = running);
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
    tmp.remove();
  });

  it("shows every agent, a trader's statechart paused from the page, and a birth in the family tree", async () => {
    const { context, page } = await offline(new URL(open.url).origin);
    const first = await page.goto(open.url);
    expect(first?.headers()["content-security-policy"]).toMatch(/^default-src 'none'; script-src 'self'; style-src 'self' 'sha256-[A-Za-z0-9+/=]+'; .*connect-src 'self'/);
    await page.locator("body[data-ready]").waitFor({ timeout: 15_000 });
    // Every agent the floor has, one row each.
    const ids = ((await (await fetch(new URL("/api/agents", open.url))).json()) as Array<{ id: string }>).map((a) => a.id);
    expect(ids).toEqual(expect.arrayContaining(["auditor", "boss", "exchange", "feed", "monitor", TRADER]));
    const rows = () => page.locator("#agents tr").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-agent")));
    expect((await rows()).sort()).toEqual([...ids].sort());
    await page.locator("#live.on").waitFor();
    expect(await page.locator("#summary").textContent()).toMatch(/^floor time 2026-01-01 \d\d:\d\d:\d\d · markets settled \d+/);
    expect(await page.locator(`tr[data-agent="${TRADER}"] td`).nth(2).textContent()).toBe("momentum");
    // Sortable: by kind, then the other way.
    await page.locator('th[data-sort="kind"]').click();
    const kinds = await page.locator("#agents tr td:nth-child(2)").allTextContents();
    expect(kinds).toEqual([...kinds].sort());
    await page.locator('th[data-sort="kind"]').click();
    expect(await page.locator("#agents tr td:nth-child(2)").allTextContents()).toEqual([...kinds].sort().reverse());
    // The floor's figures and its equity curve, once the monitor has reported.
    await page.waitForFunction(`document.querySelector("#equity path")?.getAttribute("d")?.startsWith("M")`, undefined, { timeout: 15_000 });
    expect(await page.locator("#floor-state").textContent()).toBe("active");
    await shot(page, "overview");

    // The trader's statechart: the drawing, its current state highlighted (the row's state).
    await page.locator(`tr[data-agent="${TRADER}"]`).click();
    await page.locator('#chart svg.statechart g.state[data-state="paused"]').waitFor();
    await page.waitForFunction(`(() => {
      const marked = [...document.querySelectorAll("#chart g.state.active")].map((g) => g.dataset.state);
      return marked.length === 1 && marked[0] === document.querySelector('tr[data-agent="${TRADER}"] td.state')?.textContent;
    })()`);
    const before = await page.locator("#chart g.state.active").getAttribute("data-state");
    expect(["trading", "reducing", "warmingUp"]).toContain(before);
    expect(await page.locator("#transitions li").count()).toBeGreaterThan(0);
    await shot(page.locator("#machine"), "statechart-before");

    // The page's own Pause button (a mark on the window shows the page was not reloaded): audited, and the highlight moves to `paused` without a reload.
    await page.evaluate("window.sameLoad = 42");
    await page.locator("#reason").fill("looking at it from the page");
    await page.locator('#agent-controls button[data-control="pause"]').click();
    await page.locator("#answer.ok").waitFor();
    expect(await page.locator("#answer").textContent()).toMatch(new RegExp(`^pause ${TRADER}: 202 accepted \\(by dashboard@127\\.0\\.0\\.1, reason: looking at it from the page\\)$`));
    await page.locator('#chart g.edge.taken[data-event="PAUSE"][data-to="paused"]').waitFor({ timeout: 10_000 });
    await page.locator('#chart g.state.active[data-state="paused"]').waitFor();
    expect(await page.locator("#chart g.state.active").count()).toBe(1);
    expect(await page.locator("#transitions li").first().textContent()).toMatch(/ PAUSE: \w+ → paused$/);
    expect(await page.locator(`tr[data-agent="${TRADER}"] td.state`).textContent()).toBe("paused");
    expect(await page.evaluate("window.sameLoad")).toBe(42);
    expect(operatorAudits().map((a) => JSON.parse(a.detail_json) as unknown)).toContainEqual({ verb: "pause", target: TRADER, by: "dashboard@127.0.0.1", reason: "looking at it from the page" });
    await shot(page.locator("#machine"), "statechart-after");

    // A birth appears in the family tree, under its parent, live; then its death, struck through with the reason.
    const config = ((await (await fetch(new URL(`/api/agents/${TRADER}`, open.url))).json()) as { config: Record<string, unknown> }).config;
    expect(await floor.supervisor.submit({ verb: "spawn", agentId: CLONE, config: { ...config, id: CLONE }, parentId: TRADER, by: "test", reason: "a clone to watch" })).toMatchObject({ ok: true });
    const child = page.locator(`#tree li[data-agent="${TRADER}"] > ul > li[data-agent="${CLONE}"]`);
    await child.waitFor({ timeout: 10_000 });
    expect(await child.locator(".who").first().textContent()).toMatch(/spawned by test: a clone to watch$/);
    await page.locator(`#agents tr[data-agent="${CLONE}"]`).waitFor({ timeout: 10_000 });
    expect(await page.locator(`#agents tr[data-agent="${CLONE}"] td`).last().textContent()).toBe(`← ${TRADER}`);
    expect(await floor.supervisor.submit({ verb: "retire", agentId: CLONE, by: "test", reason: "seen enough" })).toMatchObject({ ok: true });
    await child.locator("s.name").waitFor({ timeout: 10_000 });
    expect(await child.locator(".death").first().textContent()).toMatch(/^\d\d:\d\d:\d\d retired by test: seen enough$/);
    await shot(page.locator("#tree-section"), "tree");

    expect(await page.evaluate("window.sameLoad")).toBe(42);
    expect(blocked).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
    // Leave the trader as it was for the next test.
    await fetch(new URL(`/api/agents/${TRADER}/resume`, open.url), { method: "POST", headers: { "x-polyfloor-control": "1" } });
  });

  it("with a token: the page opened once with ?token= works, its stream and its controls included", async () => {
    const origin = new URL(guarded.url).origin;
    const { context, page } = await offline(origin);
    expect((await page.goto(guarded.url))?.status()).toBe(401);
    await page.goto(`${guarded.url}?token=${token}`);
    expect(page.url()).toBe(guarded.url);
    await page.locator("body[data-ready]").waitFor({ timeout: 15_000 });
    await page.locator(`tr[data-agent="${TRADER}"]`).waitFor();
    await page.locator("#live.on").waitFor();
    // An event published now reaches the page over the stream (the cookie carried it).
    const subject = "audit.page_probe";
    bus.publish(subject, encode(subject, { v: PROTOCOL_VERSION, id: "probe.1", ts: floor.clock.now(), src: "test", kind: "page_probe", severity: "violation", detail: { note: "seen live" } }));
    await page.locator('#audit tr.violation[data-kind="page_probe"]').waitFor({ timeout: 10_000 });
    expect(await page.locator("#violation-count").textContent()).toMatch(/^\d+ violations? \(highlighted\)$/);
    // A control from the page passes the gate with the cookie alone.
    await page.locator("#floor-resume").click();
    await page.locator("#answer.ok").waitFor();
    expect(await page.locator("#answer").textContent()).toMatch(/^resume the floor: 202 accepted/);
    // This dashboard's digests folder does not exist: the page says so.
    expect(await page.locator("#digests-state").textContent()).toMatch(/^no digests yet: .*nowhere does not exist/);
    expect(blocked).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
    expect(live().steps).toBeGreaterThan(0);
  });

  it("links the daily digests and serves them read-only; a bad name or a path outside the folder is a 404", async () => {
    const { context, page } = await offline(new URL(open.url).origin);
    await page.goto(open.url);
    const links = page.locator('#digests li[data-date="2026-01-01"] a');
    await links.first().waitFor();
    expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")))).toEqual(["/digests/2026-01-01.html", "/digests/2026-01-01.md"]);
    const md = await page.request.get(new URL("/digests/2026-01-01.md", open.url).href);
    expect(md.status()).toBe(200);
    expect(md.headers()["content-type"]).toBe("text/plain; charset=utf-8");
    expect(await md.text()).toBe("# Daily digest 2026-01-01\n");
    const html = await page.request.get(new URL("/digests/2026-01-01.html", open.url).href);
    expect(html.headers()["content-security-policy"]).toContain("sandbox");
    expect(await html.text()).toContain("<h1>Daily digest</h1>");
    // Not digests: another name, a day not written, a way out of the folder, a link that leads out of it.
    for (const bad of ["notes.txt", "2026-01-02.md", "..%2Fsecret.md", "%2E%2E%2Fsecret.md", "2026-01-03.md", "2026-01-01.md.bak"]) {
      const r = await fetch(new URL(`/digests/${bad}`, open.url));
      expect([bad, r.status]).toEqual([bad, 404]);
      expect(await r.text()).not.toContain("outside the folder");
    }
    expect((await fetch(new URL("/digests/../secret.md", open.url))).status).toBe(404);
    expect(await (await fetch(new URL("/api/digests", open.url))).json()).toEqual({ dir: tmp.path("digests"), state: "ok", days: [{ date: "2026-01-01", formats: ["html", "md"] }] });
    await context.close();
    expect(blocked).toEqual([]);
  });
});
