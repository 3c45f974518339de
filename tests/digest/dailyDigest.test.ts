import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalBus } from "../../floor/bus/index.ts";
import { loadFloorConfig } from "../../floor/config/index.ts";
import { digestData, parseDay, type DigestDay } from "../../floor/digest/index.ts";
import { createLogger } from "../../floor/log/createLogger.ts";
import { runFloor } from "../../floor/runner/index.ts";
import { openDb } from "../../state/index.ts";
import { CHROMIUM_ARGS, describeChromium } from "../helpers/chromium.ts";
import { ROOT } from "../helpers/floorCli.ts";
import { floorInProcess } from "../helpers/floorInProcess.ts";
import { tmpDir } from "../helpers/tmp.ts";
import { cents, listValue, tableAfter, toCents } from "./parseDigest.ts";
import { recompute } from "./recompute.ts";

const THREE_DAYS = 72 * 3_600_000;
const DATES = ["2026-01-01", "2026-01-02", "2026-01-03"];
const DAY = "2026-01-01"; // the one recomputed: the busiest (the first day's deposit, allocations and trading)
const tmp = tmpDir("digest");
const dbPath = tmp.path("floor.db");
const dir = tmp.path("digests");
let audited: Array<{ ts: number; detail: Record<string, unknown> }> = [];

beforeAll(async () => {
  const config = loadFloorConfig(undefined); // the one-trader fixture (vitest.config.ts): a small roster, fast
  config.floor = { ...config.floor, digests: { ...config.floor.digests, dir } };
  const bus = new LocalBus();
  try {
    await runFloor({ config, bus, dbPath, seed: 7, speed: "max", untilMs: THREE_DAYS, log: createLogger({ level: "silent" }) });
  } finally {
    await bus.close();
  }
  const db = openDb(dbPath, { readonly: true });
  audited = (db.prepare("SELECT ts, detail_json FROM audit_log WHERE kind = 'digest_written' ORDER BY seq").all() as Array<{ ts: number; detail_json: string }>).map((r) => ({ ts: r.ts, detail: JSON.parse(r.detail_json) as Record<string, unknown> }));
  db.close();
}, 180_000);
afterAll(() => tmp.remove());

describe("a three-day sim writes three digests", () => {
  it("writes each day's Markdown and HTML at its midnight, the last one as the floor stops on it", () => {
    expect(readdirSync(dir).sort()).toEqual(DATES.flatMap((d) => [`${d}.html`, `${d}.md`]));
    // Each is announced on audit.digest_written at the midnight that ended its day, with its paths and PnL (micro-USD).
    expect(audited.map((a) => a.detail.date)).toEqual(DATES);
    expect(audited.map((a) => a.ts)).toEqual(DATES.map((d) => parseDay(d).to));
    for (const a of audited) {
      expect(a.detail).toMatchObject({ markdown: join(dir, `${String(a.detail.date)}.md`), html: join(dir, `${String(a.detail.date)}.html`) });
      expect(Number.isSafeInteger(a.detail.pnl)).toBe(true);
    }
    expect(readFileSync(join(dir, `${DAY}.md`), "utf8")).toMatch(/^# Floor digest 2026-01-01\n/);
  });

  it("floor digest --date D writes the same bytes from the database alone", async () => {
    const out = tmp.path("again");
    for (const date of DATES) {
      const r = await floorInProcess(["digest", "--db", dbPath, "--date", date, "--out", out]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe(`${join(out, `${date}.md`)}\n${join(out, `${date}.html`)}\n`);
      for (const ext of ["md", "html"]) expect(readFileSync(join(out, `${date}.${ext}`), "utf8")).toBe(readFileSync(join(dir, `${date}.${ext}`), "utf8"));
    }
    // No --date: the day before the floor's latest floor time (it stopped at 2026-01-04 00:00).
    const latest = await floorInProcess(["digest", "--db", dbPath, "--out", tmp.path("latest")]);
    expect(latest.stdout).toContain("2026-01-03.md");
  });

  it("floor digest says so, exit 1, for a day without data or a missing database; exit 2 for a bad date", async () => {
    const none = await floorInProcess(["digest", "--db", dbPath, "--date", "2026-02-01", "--out", tmp.path("none")]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no data for 2026-02-01/);
    const missing = await floorInProcess(["digest", "--db", tmp.path("absent.db"), "--out", tmp.path("none")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no floor database at/);
    const bad = await floorInProcess(["digest", "--db", dbPath, "--date", "2026-02-30"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/invalid --date/);
  });
});

describe("every number of a digest, recomputed from the ledger", () => {
  let d: DigestDay;
  let r: ReturnType<typeof recompute>;
  let md: string;
  beforeAll(() => {
    const db = openDb(dbPath, { readonly: true });
    const { from, to } = parseDay(DAY);
    d = digestData(db, DAY);
    r = recompute(db, DAY, from, to);
    db.close();
    md = readFileSync(join(dir, `${DAY}.md`), "utf8");
  });

  it("the floor's figures, in the data and in the Markdown", () => {
    expect(r.settlements).toBeGreaterThan(5); // a day worth checking
    expect(d.floor).toMatchObject({ pnl: r.pnl, settlements: r.settlements, windows: r.windows, equityStart: r.equityStart, equityEnd: r.equityEnd, fills: r.fills, fees: r.fees });
    expect(d.floor.ci).toMatchObject({ lo: r.ci!.sum.lo, hi: r.ci!.sum.hi });
    expect(d.floor.drawdown!.max).toBeCloseTo(r.maxDrawdown, 12);
    expect(cents(listValue(md, "Realised PnL"))).toBe(toCents(r.pnl));
    const [lo, hi] = listValue(md, "95% bootstrap interval").split(" (")[0]!.split(" to ");
    expect([cents(lo!), cents(hi!)]).toEqual([toCents(Math.round(r.ci!.sum.lo)), toCents(Math.round(r.ci!.sum.hi))]);
    expect(listValue(md, "Settlements")).toBe(`${r.settlements} in ${r.windows} market windows`);
    const parts = listValue(md, "Realised equity").split(", ").map((x) => cents(x.split(" ")[0]!));
    const [start, end] = [parts[0], parts.at(-1)];
    expect([start, end]).toEqual([toCents(r.equityStart), toCents(r.equityEnd)]);
    expect(Number(listValue(md, "Max drawdown within the day").split("%")[0])).toBeCloseTo(r.maxDrawdown * 100, 2);
    expect(listValue(md, "Fills")).toBe(`${r.fills}; fees paid: $${(toCents(r.fees) / 100).toFixed(2)}`);
  });

  it("each agent's figures, in the data and in the Markdown's tables", () => {
    const trading = tableAfter(md, ["Agent", "Strategy", "PnL", "Trades", "Win rate", "Avg win", "Avg loss", "Profit factor", "Fees", "Turnover", "Fills"]);
    const risk = tableAfter(md, ["Agent", "Sharpe", "Sortino", "PSR", "Max DD", "Beliefs", "Brier", "Brier (market)", "Skill [95%]"]);
    expect(r.agents.length).toBeGreaterThan(0);
    for (const a of r.agents) {
      const mine = d.agents.find((x) => x.agentId === a.id)!;
      expect(mine.figures).toMatchObject({ trades: a.trades, wins: a.wins, pnl: a.pnl, turnover: a.turnover, winRate: a.winRate, avgWin: a.avgWin, avgLoss: a.avgLoss, profitFactor: a.profitFactor });
      expect(mine.figures).toMatchObject({ sharpe: a.ratios.sharpe, sortino: a.ratios.sortino, psr: a.ratios.psr });
      expect(mine).toMatchObject({ fills: a.fills, fees: a.fees });
      expect(mine.maxDrawdown).toBeCloseTo(a.maxDrawdown!, 12);
      expect(mine.forecasts.n).toBe(a.beliefs);
      expect(mine.forecasts.brier).toBeCloseTo(a.brier!, 12);
      expect(mine.forecasts.brierMarket).toBeCloseTo(a.brierMarket!, 12);
      expect(mine.forecasts.skill!.estimate).toBeCloseTo(a.skillEstimate!, 12);
      expect(mine.forecasts.skill).toMatchObject({ lo: a.skill!.lo, hi: a.skill!.hi });
      const t = trading.find((x) => x.Agent === a.id)!;
      expect([cents(t.PnL!), Number(t.Trades), cents(t.Fees!), cents(t.Turnover!), Number(t.Fills)]).toEqual([toCents(a.pnl), a.trades, toCents(a.fees), toCents(a.turnover), a.fills]);
      expect(Number(t["Win rate"]!.replace("%", ""))).toBeCloseTo(a.winRate * 100, 1);
      if (a.avgWin !== null) expect(cents(t["Avg win"]!)).toBe(toCents(Math.round(a.avgWin)));
      if (a.avgLoss !== null) expect(cents(t["Avg loss"]!)).toBe(toCents(Math.round(a.avgLoss)));
      if (a.profitFactor !== null) expect(Number(t["Profit factor"])).toBeCloseTo(a.profitFactor, 2);
      const k = risk.find((x) => x.Agent === a.id)!;
      for (const [col, v] of [["Sharpe", a.ratios.sharpe], ["Sortino", a.ratios.sortino], ["PSR", a.ratios.psr], ["Brier", a.brier], ["Brier (market)", a.brierMarket]] as const) {
        if (v === null) expect(k[col]).toBe("n/a");
        else expect(Number(k[col])).toBeCloseTo(v, 4);
      }
      expect(Number(k["Max DD"]!.replace("%", ""))).toBeCloseTo(a.maxDrawdown! * 100, 2);
      expect(Number(k.Beliefs)).toBe(a.beliefs);
      expect(Number(k["Skill [95%]"]!.split(" ")[0])).toBeCloseTo(a.skillEstimate!, 4);
    }
    // An agent that settled nothing has no figures: the table says n/a, not 0.
    for (const a of d.agents.filter((x) => x.figures.trades === 0)) expect(trading.find((x) => x.Agent === a.agentId)!.PnL).toBe("n/a");
  });

  it("the counts of events, roster, capital moves and health", () => {
    expect(d.risk.breakers).toHaveLength(r.breakers);
    expect(d.risk.refusals.reduce((a, g) => a + g.count, 0)).toBe(r.refusals);
    expect(d.violations.total).toBe(r.violations);
    expect([d.health.restarts.total, d.health.failures.total, d.health.feed.total, d.health.rejections.total, d.health.errors.total]).toEqual([r.restarts, r.failures, r.feed, r.rejections, r.errors]);
    expect([d.roster.births.length, d.roster.deaths.length, Object.values(d.roster.judged).reduce((a, x) => a + x, 0)]).toEqual([r.births, r.deaths, r.judgements]);
    expect(d.capital.transfers).toHaveLength(r.transfers);
    expect(d.capital.transfers.reduce((a, t) => a + t.amount, 0)).toBe(r.moved);
    expect(md).toContain(`Intents the boss refused: ${r.refusals}.`);
    expect(md).toMatch(new RegExp(`Violations: ${r.violations}[ .]`));
    expect(listValue(md, "Restarts").split(" ")[0]).toBe(String(r.restarts));
    expect(listValue(md, "Errors").split(" ")[0]).toBe(String(r.errors));
    expect(tableAfter(md, ["Time", "From", "To", "Amount", "Reason"]).map((x) => cents(x.Amount!)).reduce((a, x) => a + x, 0)).toBe(toCents(r.moved));
  });
});

describeChromium("the HTML digest in headless Chromium, offline", (executablePath) => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  });
  afterAll(() => browser?.close());

  it("opens with no request but its own file, draws both charts, and is saved as a screenshot", async () => {
    const file = join(dir, `${DAY}.html`);
    const url = `file://${file}`;
    const page = await browser.newPage({ viewport: { width: 1240, height: 900 } });
    const attempted: string[] = [];
    await page.route("**/*", (route) => {
      const u = route.request().url();
      if (u === url) return route.continue();
      attempted.push(u);
      return route.abort();
    });
    page.on("request", (req) => void (req.url() !== url && !attempted.includes(req.url()) && attempted.push(req.url())));
    await page.goto(url);
    expect(attempted).toEqual([]);
    expect(await page.title()).toBe(`Floor digest ${DAY}`);
    const charts = page.locator("svg.chart");
    expect(await charts.count()).toBe(2);
    for (const svg of await charts.all()) {
      const box = await svg.boundingBox();
      expect(box!.width).toBeGreaterThan(100);
      expect(box!.height).toBeGreaterThan(100);
      const path = svg.locator("path.line");
      expect(await path.count()).toBe(1);
      expect((await path.getAttribute("d"))!.length).toBeGreaterThan(10);
      const drawn = await path.boundingBox();
      expect(drawn!.width).toBeGreaterThan(50);
    }
    const shot = join(ROOT, "tests", ".artifacts", `digest-${DAY}.png`);
    mkdirSync(join(ROOT, "tests", ".artifacts"), { recursive: true });
    await page.screenshot({ path: shot, fullPage: true });
    expect(existsSync(shot) && statSync(shot).size > 10_000).toBe(true);
    console.log(`digest screenshot: ${shot}`);
  });
});
