import { writeFileSync } from "node:fs";
import { afterAll, expect, it } from "vitest";
import { floorInProcess } from "../helpers/floorInProcess.ts";
import { tmpDir } from "../helpers/tmp.ts";

const tmp = tmpDir("live-guards");
afterAll(() => tmp.remove());
// A well-formed key that holds nothing (never a real one in a test).
const KEY = `0x${"ab".repeat(32)}`;

it("floor start --mode live refuses, in order, without --live, without a key in the environment, and without a capital cap", async () => {
  const noCap = tmp.path("no-cap.yaml");
  const withCap = tmp.path("cap.yaml");
  writeFileSync(noCap, "capital: 10000\n");
  writeFileSync(withCap, "live:\n  capitalCapUsd: 500\n");
  const cases: Array<[string[], NodeJS.ProcessEnv, RegExp]> = [
    [["start", "--live"], {}, /--live goes with --mode live only/],
    [["start", "--mode", "live", "--config", withCap], { POLYMARKET_PRIVATE_KEY: KEY }, /trades real money: add --live to confirm/],
    [["start", "--mode", "live", "--live", "--config", withCap], { POLYMARKET_PRIVATE_KEY: "" }, /private key in the POLYMARKET_PRIVATE_KEY environment variable/],
    [["start", "--mode", "live", "--live", "--config", withCap], { POLYMARKET_PRIVATE_KEY: "hunter2-not-a-key" }, /is not a private key .* its value is not shown/],
    [["start", "--mode", "live", "--live", "--config", noCap], { POLYMARKET_PRIVATE_KEY: KEY }, /explicit capital cap: set live\.capitalCapUsd/],
    // Past every guard, the next check is reached: live trading, like paper, runs in real time.
    [["start", "--mode", "live", "--live", "--speed", "10", "--config", withCap], { POLYMARKET_PRIVATE_KEY: KEY }, /live trading runs in real time/],
  ];
  // In process (tests/helpers/floorInProcess.ts): every guard refuses before the floor starts;
  // tests/cli/badInputs.test.ts shows through bin/floor.mjs that a refusal is one line and its exit status.
  for (const [args, env, why] of cases) {
    const r = await floorInProcess(args, env);
    expect(r.code, args.join(" ")).toBe(2);
    expect(r.stderr).toMatch(why);
    // The key never reaches the terminal, whatever happens.
    for (const secret of [KEY, KEY.slice(2), "hunter2-not-a-key"]) expect(`${r.stdout}${r.stderr}`).not.toContain(secret);
  }
});
