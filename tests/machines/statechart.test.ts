import { mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activePaths, drawMachine, exportedMachines } from "../../floor/machines/index.ts";
import { CHROMIUM_ARGS, describeChromium } from "../helpers/chromium.ts";
import { floorInProcess } from "../helpers/floorInProcess.ts";
import { tmpDir } from "../helpers/tmp.ts";

describe("floor machines --export", () => {
  const tmp = tmpDir("statechart-export");
  afterAll(() => tmp.remove());

  it("writes every machine's statechart as an SVG beside its config and diagram", async () => {
    const dir = tmp.path("machines");
    const r = await floorInProcess(["machines", "--export", dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("<kind>.svg");
    for (const [kind, machine] of Object.entries(exportedMachines())) {
      const svg = readFileSync(join(dir, `${kind}.svg`), "utf8");
      expect(svg).toBe((await drawMachine(machine)).svg);
      expect(svg).toMatch(new RegExp(`^<svg xmlns="http://www.w3.org/2000/svg" class="statechart" data-machine="${kind}"`));
      expect(readFileSync(join(dir, `${kind}.mmd`), "utf8")).toMatch(/^stateDiagram-v2/);
      expect(JSON.parse(readFileSync(join(dir, `${kind}.json`), "utf8")).id).toBe(kind);
      expect(readFileSync(join(dir, "README.md"), "utf8")).toContain(`![${kind} statechart](${kind}.svg)`);
    }
  });
});

describeChromium("a statechart in Chromium", (executablePath) => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  });
  afterAll(async () => browser?.close());

  it("draws the trader's machine, fits its labels in their boxes, and shows the `active` class", async () => {
    const { svg, states } = await drawMachine(exportedMachines().trader!);
    const page = await browser.newPage();
    await page.setContent(`<!doctype html><html><body style="margin:0;background:#fff">${svg}</body></html>`);
    // In-page code as strings: this project's TypeScript has no DOM types.
    const style = (path: string) =>
      page.evaluate(`(() => { const s = getComputedStyle(document.querySelector('g.state[data-state="${path}"] > rect')); return [s.fill, s.stroke, s.strokeWidth]; })()`) as Promise<string[]>;
    const look = async (path: string) => (await style(path)).join(" ");
    expect(await look("trading")).toBe(await look("paused"));

    // The monospace estimate holds in a real browser: every name fits its box, every event its label.
    const overflows = await page.evaluate(`[...document.querySelectorAll("g.state > text.name, g.edge > text")].flatMap((t) => {
      const box = t.parentElement.querySelector(":scope > rect").getBBox();
      return t.getComputedTextLength() <= box.width ? [] : [t.textContent + ": " + t.getComputedTextLength() + " > " + box.width];
    })`);
    expect(overflows).toEqual([]);
    expect(await page.locator("g.state").count()).toBe(states.length + 1);

    // The page's hook: class `active` on the groups of the current state value and its ancestors.
    const active = activePaths("trading");
    await page.evaluate(`${JSON.stringify(active)}.forEach((p) => document.querySelector('g.state[data-state="' + p + '"]').classList.add("active"))`);
    expect(await look("trading")).not.toBe(await look("paused"));
    expect((await style("trading"))[1]).toBe("rgb(217, 119, 6)");
    expect(await look("paused")).toBe(await look("halted"));

    const dir = resolve("tests/.artifacts");
    mkdirSync(dir, { recursive: true });
    const file = join(dir, "trader-statechart.png");
    await page.locator("svg.statechart").screenshot({ path: file });
    console.log(`statechart screenshot: ${file}`);
    await page.close();
  });
});
