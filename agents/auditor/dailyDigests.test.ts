import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createLogger } from "../../floor/log/createLogger.ts";
import { getMeta, openDb } from "../../state/index.ts";
import { tinyLedgerDay } from "../../tests/helpers/tinyLedgerDay.ts";
import { tmpDir } from "../../tests/helpers/tmp.ts";
import { dailyDigests, LAST_DIGEST_KEY } from "./dailyDigests.ts";

const DAY = 86_400_000;
const D = Date.UTC(2026, 0, 1); // 2026-01-01 00:00
const tmp = tmpDir("daily-digests");
afterAll(() => tmp.remove());

function setup(name: string) {
  const db = openDb(tmp.path(`${name}.db`));
  tinyLedgerDay(db, D);
  const dir = tmp.path(name);
  const published: Array<{ subject: string; body: Record<string, unknown> }> = [];
  let now = D;
  const make = () => dailyDigests({ dir, db, log: createLogger({ level: "silent" }), now: () => now, publish: (subject, body) => void published.push({ subject, body }) });
  return { db, dir, published, make, at: (t: number) => (now = t) };
}

describe("the auditor's daily digests", () => {
  it("writes the day just ended at the first tick past its midnight, once, and announces it", () => {
    const s = setup("once");
    const dd = s.make();
    dd.onTick(D + 12 * 3_600_000); // the floor's first tick, at noon: its first day is today
    expect(existsSync(s.dir)).toBe(false);
    expect(getMeta(s.db, LAST_DIGEST_KEY)).toBe("2025-12-31");
    dd.onTick(D + DAY - 1);
    expect(existsSync(s.dir)).toBe(false);
    dd.onTick(D + DAY);
    expect(readdirSync(s.dir).sort()).toEqual(["2026-01-01.html", "2026-01-01.md"]);
    expect(s.published).toEqual([
      { subject: "audit.digest_written", body: { kind: "digest_written", severity: "info", detail: { date: "2026-01-01", markdown: join(s.dir, "2026-01-01.md"), html: join(s.dir, "2026-01-01.html"), pnl: 59_500_000 } } },
    ]);
    expect(getMeta(s.db, LAST_DIGEST_KEY)).toBe("2026-01-01");
    // A restart (a new auditor on the same database) remembers the day is done.
    rmSync(s.dir, { recursive: true });
    s.make().onTick(D + DAY + 1000);
    expect(existsSync(s.dir)).toBe(false);
    expect(s.published).toHaveLength(1);
  });

  it("writes the days a stopped floor slept through at its next tick, skipping those with nothing in them", () => {
    const s = setup("slept");
    s.make().onTick(D + 1000);
    s.make().onTick(D + 3 * DAY + 5000); // back three days later: 01-01 has data, 01-02 and 01-03 none
    expect(readdirSync(s.dir).sort()).toEqual(["2026-01-01.html", "2026-01-01.md"]);
    expect(getMeta(s.db, LAST_DIGEST_KEY)).toBe("2026-01-03");
  });

  it("writes a day that ends exactly as the floor stops", async () => {
    const s = setup("stop");
    const dd = s.make();
    dd.onTick(D);
    s.at(D + DAY); // the stop comes at midnight, before any tick of the new day
    await dd.onStop();
    expect(readdirSync(s.dir).sort()).toEqual(["2026-01-01.html", "2026-01-01.md"]);
  });

  it("reports a digest it cannot write as an error fact, and carries on", () => {
    const s = setup("fails");
    // A folder that cannot be made: its parent is a file (the database).
    const dd = dailyDigests({ dir: join(tmp.path("fails.db"), "digests"), db: s.db, log: createLogger({ level: "silent" }), now: () => D, publish: (subject, body) => void s.published.push({ subject, body }) });
    dd.onTick(D);
    expect(() => dd.onTick(D + DAY)).not.toThrow();
    expect(s.published.map((p) => [p.subject, p.body.severity])).toEqual([["audit.digest_failed", "error"]]);
  });
});
