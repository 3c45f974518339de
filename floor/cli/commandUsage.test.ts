import { expect, it } from "vitest";
import { commandUsage } from "./commandUsage.ts";
import { USAGE } from "./main.ts";
import { parseOptions } from "./parseOptions.ts";

it("takes one command's lines, with their continuation lines, out of the usage text", () => {
  expect(commandUsage(USAGE, "status")).toBe("usage: floor status   [--db PATH] [--json]      agents, states, capital, PnL, ledger hash");
  const start = commandUsage(USAGE, "start")!;
  expect(start).toMatch(/^usage: floor start {4}\[--mode sim\|paper\|live\]/);
  expect(start).toMatch(/live: real money/);
  expect(start).not.toMatch(/backtest/);
  expect(commandUsage(USAGE, "audit")).toMatch(/^usage: floor audit verify/);
  expect(commandUsage(USAGE, "nope")).toBeUndefined();
});

it("refuses an empty option value, in either spelling", () => {
  const options = { db: { type: "string" }, json: { type: "boolean" } } as const;
  expect(() => parseOptions({ args: ["--db", ""], options, strict: true })).toThrow("--db needs a value (it was empty)");
  expect(() => parseOptions({ args: ["--db="], options, strict: true })).toThrow("--db needs a value (it was empty)");
  expect(parseOptions({ args: ["--db", "x.db", "--json"], options, strict: true }).values).toEqual({ db: "x.db", json: true });
});
