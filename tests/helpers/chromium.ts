import { existsSync } from "node:fs";
import { describe } from "vitest";

/** Debian's Chromium (apt-get install chromium), or CHROMIUM_PATH. */
export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  return candidates.find((p): p is string => !!p && existsSync(p));
}

/** Flags for a root, offline, headless Chromium (no sandbox, no background network). */
export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** Browser tests skip when Chromium is absent, unless POLYFLOOR_REQUIRE_CHROMIUM=1 (CI), where they fail. */
export function describeChromium(name: string, fn: (path: string) => void): void {
  const path = chromiumPath();
  if (path || process.env.POLYFLOOR_REQUIRE_CHROMIUM === "1") {
    describe(name, () => fn(path ?? "/usr/bin/chromium"));
    return;
  }
  console.warn(`[skip] ${name}: Chromium not found (apt-get install chromium; set POLYFLOOR_REQUIRE_CHROMIUM=1 to make this fail)`);
  describe.skip(`${name} [skipped: Chromium not found]`, () => fn(""));
}
