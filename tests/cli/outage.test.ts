import { writeFileSync } from "node:fs";
import { Wallet } from "ethers";
import { afterAll, beforeAll, expect, it } from "vitest";
import { closedLiveYaml, closedPort } from "../helpers/closedPort.ts";
import { floor } from "../helpers/floorCli.ts";
import { tmpDir } from "../helpers/tmp.ts";

const tmp = tmpDir("cli-outage");
let config: string;
let port: number;
beforeAll(async () => {
  port = await closedPort();
  config = tmp.path("floor.yaml");
  // Every live endpoint at a closed port; give up after 4 s without a market.
  writeFileSync(config, `statusEverySec: 1\n${closedLiveYaml(port, ["capitalCapUsd: 100", "noMarketTimeoutSec: 4"])}`);
});
afterAll(() => tmp.remove());

const refused = () => new RegExp(`connection refused to 127\\.0\\.0\\.1:${port}`);

it("paper: the status line shows the feeds reconnecting with the last error; no market in time exits 1 with the reason", async () => {
  const r = await floor(["start", "--mode", "paper", "--config", config, "--db", tmp.path("paper.db"), "--dashboard", "off"]);
  const line = r.stdout.split("\n").find((l) => / · feeds /.test(l)) ?? "";
  expect(line).toMatch(new RegExp(`clob reconnecting since \\d\\d:\\d\\d:\\d\\d \\(ws://127\\.0\\.0\\.1:${port}/ws/market: connection refused to 127\\.0\\.0\\.1:${port}\\)`));
  expect(line).toMatch(/rtds reconnecting since/);
  expect(line).toMatch(/bus connected/);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/^floor start: no market opened in 4 s \(live\.noMarketTimeoutSec\): clob reconnecting since .*rtds reconnecting since /m);
  expect(r.stderr).toMatch(refused());
  expect(r.stdout).not.toMatch(/stopped cleanly/);
});

it("record: the same, and exits 1 instead of recording nothing forever", async () => {
  const r = await floor(["record", "--out", tmp.path("rec"), "--config", config]);
  expect(r.stdout).toMatch(/recording: 0 spot ticks, 0 Up-price points, 0 window\(s\) · feeds clob reconnecting since .*connection refused/);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/^floor record: no market opened in 4 s/m);
  expect(r.stderr).toMatch(refused());
});

it("live: a closed CLOB port is reported as connection refused, not as L1 auth refused", async () => {
  const env = { POLYMARKET_PRIVATE_KEY: Wallet.createRandom().privateKey };
  const r = await floor(["start", "--mode", "live", "--live", "--config", config, "--db", tmp.path("live.db"), "--dashboard", "off"], env);
  expect(r.stderr).toMatch(new RegExp(`could not reach the CLOB at http://127\\.0\\.0\\.1:${port}: connection refused to 127\\.0\\.0\\.1:${port}`));
  expect(r.stderr).not.toMatch(/L1 auth/);
  expect(r.code).toBe(1); // no market either: the same give-up as paper
  expect(r.stderr).toMatch(/^floor start: no market opened in 4 s/m);
});
