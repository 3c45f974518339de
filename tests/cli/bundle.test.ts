// bin/bundle.mjs: the floor command runs from an esbuild bundle of the sources, and does what the
// sources do; live trading's client stays out of every other process.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { floor, ROOT } from "../helpers/floorCli.ts";
import { tmpDir } from "../helpers/tmp.ts";

const importsOf = (file: string) => [...readFileSync(file, "utf8").matchAll(/^import [^;]*? from "([^"]+)"/gm)].map((m) => m[1]!);

describe("the floor command's bundle", () => {
  it("is built on first use; its start chunks import neither clob-client-v2 nor ethers nor axios; only a lazy chunk does", () => {
    const url = execFileSync(process.execPath, ["--input-type=module", "-e", 'console.log(await (await import("./bin/bundle.mjs")).floorBundle())'], { cwd: ROOT, encoding: "utf8" }).trim();
    expect(url).toMatch(/^file:.*\/node_modules\/\.cache\/polyfloor\/[0-9a-f]{16}\/floor\.js$/);
    const newest = dirname(fileURLToPath(url));
    const files = readdirSync(newest).filter((f) => f.endsWith(".js"));
    const live = files.filter((f) => f.startsWith("liveTrading-"));
    expect(live).toHaveLength(1);
    const heavy = /^(@polymarket\/clob-client-v2|ethers|axios)$/;
    for (const f of files.filter((x) => !x.startsWith("liveTrading-"))) expect(importsOf(join(newest, f)).filter((m) => heavy.test(m)), f).toEqual([]);
    expect(importsOf(join(newest, live[0]!)).filter((m) => heavy.test(m)).length).toBeGreaterThan(0);
  });

  it("answers as the sources do (POLYFLOOR_BUNDLE=0): a config error and a status", async () => {
    const tmp = tmpDir("bundle");
    try {
      const sim = ["start", "--until", "2m", "--speed", "max", "--seed", "3", "--dashboard", "off"];
      const bundled = await floor([...sim, "--db", tmp.path("a.db")]);
      const sources = await floor([...sim, "--db", tmp.path("b.db")], { POLYFLOOR_BUNDLE: "0" });
      expect([bundled.code, sources.code]).toEqual([0, 0]);
      const hash = async (db: string, env = {}) => (await floor(["status", "--db", tmp.path(db)], env)).stdout.match(/ledger hash\s+(\w+)/)?.[1];
      expect(await hash("a.db")).toBe(await hash("b.db", { POLYFLOOR_BUNDLE: "0" }));
      const bad = ["start", "--speed", "fast"];
      const [b, s] = [await floor(bad), await floor(bad, { POLYFLOOR_BUNDLE: "0" })];
      expect(b).toMatchObject({ code: 2, stderr: s.stderr });
    } finally {
      tmp.remove();
    }
  });
});
