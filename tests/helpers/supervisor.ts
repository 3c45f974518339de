import { existsSync } from "node:fs";
import { describe } from "vitest";

/** Debian's supervisord (apt-get install supervisor). */
export function supervisordPath(): string | undefined {
  return ["/usr/bin/supervisord", "/usr/local/bin/supervisord"].find((p) => existsSync(p));
}

/** supervisord tests skip when it is absent, unless POLYFLOOR_REQUIRE_SUPERVISOR=1 (CI), where they fail. */
export function describeSupervisor(name: string, fn: () => void): void {
  if (supervisordPath() || process.env.POLYFLOOR_REQUIRE_SUPERVISOR === "1") {
    describe(name, fn);
    return;
  }
  console.warn(`[skip] ${name}: supervisord not found (apt-get install supervisor; set POLYFLOOR_REQUIRE_SUPERVISOR=1 to make this fail)`);
  describe.skip(`${name} [skipped: supervisord not found]`, fn);
}
