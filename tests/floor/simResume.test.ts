import { afterAll, describe, expect, it } from "vitest";
import { floor, finished, startFloor, waitForOutput } from "../helpers/floorCli.ts";
import { floorInProcess } from "../helpers/floorInProcess.ts";
import { openDb, readStatus } from "../../state/index.ts";
import { tmpDir } from "../helpers/tmp.ts";

// A busier sim than the defaults (two series, three traders: tests/fixtures/resume), over 90 minutes of floor time.
const CONFIG = "tests/fixtures/resume/floor.yaml";
const UNTIL = "90m";
const tmp = tmpDir("resume");
// Several floors run one after another; a shared, loaded machine can make each slow.
const LONG = 300_000;
afterAll(() => tmp.remove());

const startArgs = (db: string, until: string, extra: string[] = ["--seed", "7"], speed = "max") => ["start", "--config", CONFIG, "--until", until, "--speed", speed, "--db", db, "--dashboard", "off", ...extra];
// A run to be killed is paced (90 floor minutes in about 9 s), so its status lines show where it is:
// at max speed an idle machine can finish before its first line. The simulation is the same at any speed.
const KILLED_SPEED = "600";

interface Outcome {
  ledgerHash: string;
  /** Every window's strike, close and outcome: the spot walk itself, which the ledger hash sees only through trades. */
  markets: unknown[];
  orders: number;
  fills: number;
  floorTime: number;
  seed: string;
}

/** The outcome as `floor status --json` reports it, read from the file (one CLI start fewer per look). */
function statusOf(db: string): Outcome {
  const h = openDb(db, { readonly: true });
  try {
    const s = readStatus(h);
    const markets = h.prepare("SELECT market_id, strike_micro, end_price_micro, outcome FROM markets ORDER BY market_id").raw().all();
    return { ledgerHash: s.ledgerHash, markets, orders: s.orders, fills: s.fills, floorTime: s.floorTime!, seed: s.seed! };
  } finally {
    h.close();
  }
}

async function run(db: string, until: string, extra?: string[]) {
  const r = await floor(startArgs(db, until, extra), {}, 240_000);
  expect(r.code, r.stdout + r.stderr).toBe(0);
  return r;
}

/**
 * Start a run to `UNTIL` and SIGKILL it at an arbitrary moment once its floor clock passes
 * `minute` (the fixture prints a status line every wall second): returns the floor time it had reached.
 */
async function killedAfter(db: string, minute: number, jitterMs: number): Promise<number> {
  const child = startFloor(startArgs(db, UNTIL, ["--seed", "7"], KILLED_SPEED));
  const at = Date.parse("2026-01-01T00:00:00Z") + minute * 60_000;
  await waitForOutput(child, /running/, 120_000);
  const reachedNow = () => Math.max(0, ...[...child.output.stdout.matchAll(/\[2026-01-01 (\d\d:\d\d:\d\d)\]/g)].map((m) => Date.parse(`2026-01-01T${m[1]}Z`)));
  while (reachedNow() < at && child.exitCode === null) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, jitterMs));
  expect(child.exitCode, "the floor finished before it was killed").toBeNull();
  child.kill("SIGKILL");
  const r = await finished(child);
  expect(r.signal).toBe("SIGKILL");
  return statusOf(db).floorTime;
}

// The reference, the stopped-and-resumed run and the three killed-and-resumed ones are separate
// floors on separate files: they run side by side (the killed ones are paced, so mostly waiting),
// and each compares its outcome with the reference once both are done.
describe("a resumed sim continues the same simulation", () => {
  let reference: Outcome;
  let referenceRun: Promise<Outcome> | undefined;
  const referenceOf = () => (referenceRun ??= run(tmp.path("whole.db"), UNTIL).then(() => (reference = statusOf(tmp.path("whole.db")))));

  it.concurrent("runs uninterrupted to the horizon (the reference)", async () => {
    const ref = await referenceOf();
    expect(ref.orders).toBeGreaterThan(20);
    expect(ref.markets.length).toBeGreaterThan(20);
    expect(ref.floorTime).toBe(Date.parse("2026-01-01T01:30:00Z"));
  }, LONG);

  it.concurrent("stopped cleanly at 40m and resumed with --until 90m: the same ledger, orders and floor time", async () => {
    const db = tmp.path("stopped.db");
    await run(db, "40m");
    expect(statusOf(db).floorTime).toBe(Date.parse("2026-01-01T00:40:00Z"));
    const r = await run(db, UNTIL);
    // --until is floor time since the simulation began: the resumed run says where it resumes and runs 50m more.
    expect(r.stdout).toMatch(/resuming\s+at 2026-01-01 00:40:00 \(40m since the simulation began\); --until 90m runs 50m more/);
    expect(statusOf(db)).toEqual(await referenceOf());
  }, LONG);

  it.concurrent("SIGKILLed at arbitrary moments and resumed: the same ledger, orders and floor time", async () => {
    // Kill points spread over the run, jittered so each run of the test stops it at other steps.
    await Promise.all(
      [8, 25, 45].map(async (minute) => {
        const db = tmp.path(`killed-${minute}.db`);
        const reached = await killedAfter(db, minute, Math.round(400 * Math.random()));
        expect(reached ?? 0, `killed at ${minute}m`).toBeLessThan((await referenceOf()).floorTime); // none when killed before its first checkpoint
        // Without --seed, the database's seed: the banner says so (and the same ledger proves it).
        const r = await run(db, UNTIL, []);
        expect(r.stdout).toMatch(/sim floor, seed 7,/);
        expect({ minute, ...statusOf(db) }).toEqual({ minute, ...(await referenceOf()) });
      }),
    );
  }, LONG);

  // These two only read the reference's file and refuse or stop before a floor runs: in process
  // (tests/helpers/floorInProcess.ts), the same command without loading the floor anew.
  it("refuses a --seed other than the database's with exit 2, naming both, and runs nothing", async () => {
    await referenceOf();
    const r = await floorInProcess(startArgs(tmp.path("whole.db"), "2h", ["--seed", "8"]));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--seed 8 differs from seed 7 of /);
    expect(statusOf(tmp.path("whole.db"))).toEqual(reference);
  }, LONG);

  it("a database already past --until says so and exits 0 without running", async () => {
    await referenceOf();
    const r = await floorInProcess(startArgs(tmp.path("whole.db"), "20m"));
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/already at 2026-01-01 01:30:00 \(1h30m since the simulation began\), past --until 20m/);
    expect(r.stdout).not.toMatch(/running/);
    expect(statusOf(tmp.path("whole.db"))).toEqual(reference);
  }, LONG);
});
