import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe } from "vitest";
import { ROOT } from "./floorCli.ts";

/** The recorded data beside the repository (never copied into it). */
export const SHARED_DATA = process.env.POLYFLOOR_SHARED_DATA ?? join(ROOT, "..", "shared", "data");
export const DECEMBER_WEEK = join(SHARED_DATA, "btc15m-2025-12-12_to_12-19");
export const JULY_DAY = join(SHARED_DATA, "btc5m-2026-07-24");

/** `describe` for tests on a recorded dataset: skipped, with the reason, when it is absent. */
export function describeData(name: string, dir: string, fn: () => void): void {
  if (existsSync(dir)) {
    describe(name, fn);
    return;
  }
  console.warn(`[skip] ${name}: recorded data not found at ${dir} (it lives in ../shared/data beside the repository)`);
  describe.skip(`${name} [skipped: no data at ${dir}]`, fn);
}
