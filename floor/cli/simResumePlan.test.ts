import { afterAll, describe, expect, it } from "vitest";
import { openDb, setMeta } from "../../state/index.ts";
import { tmpDir } from "../../tests/helpers/tmp.ts";
import { simResumePlan } from "./simResumePlan.ts";

const tmp = tmpDir("plan");
afterAll(() => tmp.remove());
const T0 = Date.parse("2026-01-01T00:00:00Z");

function dbAt(name: string, meta: Record<string, string>): string {
  const path = tmp.path(name);
  const db = openDb(path);
  for (const [k, v] of Object.entries(meta)) setMeta(db, k, v);
  db.close();
  return path;
}

const plan = (dbPath: string, seed: number | undefined, until?: [string, number]) =>
  simResumePlan({ mode: "sim", dbPath, seed, until: until?.[0], untilMs: until?.[1], simStart: T0 });

describe("simResumePlan", () => {
  const at4h = dbAt("at4h.db", { seed: "7", floorTime: String(T0 + 4 * 3_600_000), origin: String(T0) });

  it("a fresh database takes --seed, or 1", () => {
    expect(plan(tmp.path("none.db"), undefined)).toEqual({ seed: 1, untilFrom: "since the simulation began" });
    expect(plan(tmp.path("none.db"), 5).seed).toBe(5);
    // A database whose first run was killed before its first checkpoint simulated nothing: its seed stands unless another is given.
    expect(plan(dbAt("unstarted.db", { seed: "3" }), undefined).seed).toBe(3);
    expect(plan(dbAt("unstarted2.db", { seed: "3" }), 4).seed).toBe(4);
  });

  it("a resumed simulation keeps its seed and refuses another, naming both", () => {
    expect(plan(at4h, undefined).seed).toBe(7);
    expect(plan(at4h, 7).seed).toBe(7);
    expect(() => plan(at4h, 8)).toThrow(/--seed 8 differs from seed 7 of .*at4h\.db/);
  });

  it("counts --until from the simulation's beginning", () => {
    expect(plan(at4h, undefined, ["6h", 6 * 3_600_000]).resuming).toBe("  resuming   at 2026-01-01 04:00:00 (4h since the simulation began); --until 6h runs 2h more");
    expect(plan(at4h, undefined, ["4h", 4 * 3_600_000]).done).toBe("already at 2026-01-01 04:00:00 (4h since the simulation began), past --until 4h: nothing to run");
    expect(plan(at4h, undefined, ["3h", 3 * 3_600_000]).done).toMatch(/past --until 3h/);
  });

  it("paper and live run in real time: --until from now, the seed as given", () => {
    expect(simResumePlan({ mode: "paper", dbPath: at4h, seed: undefined, until: "1h", untilMs: 3_600_000, simStart: T0 })).toEqual({ seed: 1, untilFrom: "from now" });
  });
});
