import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../../state/index.ts";
import { finished, startFloor, waitForOutput } from "../helpers/floorCli.ts";
import { floorInProcess } from "../helpers/floorInProcess.ts";
import { describeNatsServer, startNatsServer, type NatsServerHandle } from "../helpers/nats.ts";
import { tmpDir } from "../helpers/tmp.ts";

// Issue 15, point 6: SIGTERM stops the floor cleanly and the process exits within 5 s (the spec's bound, asserted).
const SPEC_MS = 5000;
const SPEED = 60;
const tmp = tmpDir("shutdown");
const config = tmp.path("floor.yaml");
writeFileSync(config, "statusEverySec: 1\n");
afterAll(() => tmp.remove());

const STATUS = /\[(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)\] markets \d+ settled/g;

/** Start a sim at 60x, let it trade a while, then SIGTERM it the moment a status line shows (then `before` runs, when given). */
async function sigtermed(name: string, bus: string[], before?: () => Promise<void>) {
  const db = tmp.path(`${name}.db`);
  const child = startFloor(["start", "--config", config, "--db", db, "--speed", String(SPEED), "--dashboard", "off", ...bus]);
  try {
    await waitForOutput(child, /markets \d+ settled · orders [1-9]/, 60_000); // an order exists: there is something to stop
    const seen = [...child.output.stdout.matchAll(STATUS)].length;
    await waitForOutput(child, new RegExp(`(?:${STATUS.source}[^]*){${seen + 1}}`), 10_000);
    const shown = Date.now();
    await before?.();
    const signalled = Date.now();
    const last = [...child.output.stdout.matchAll(STATUS)].at(-1)!;
    child.kill("SIGTERM");
    const r = await finished(child, 20_000);
    return { r, db, elapsed: Date.now() - signalled, sinceShown: Date.now() - shown, lastFloorTime: Date.parse(`${last[1]!.replace(" ", "T")}Z`) };
  } finally {
    child.kill("SIGKILL");
  }
}

async function audited(db: string) {
  const status = await floorInProcess(["status", "--db", db, "--json"]);
  expect(status.code, status.stderr).toBe(0);
  expect((JSON.parse(status.stdout) as { ledgerHash: string }).ledgerHash).toMatch(/^[0-9a-f]{64}$/);
  const audit = await floorInProcess(["audit", "verify", "--db", db]);
  expect(audit.code, audit.stdout + audit.stderr).toBe(0);
}

function floorState(db: string) {
  const d = openDb(db, { readonly: true });
  try {
    const floorTime = Number((d.prepare("SELECT value FROM floor_meta WHERE key = 'floorTime'").get() as { value: string }).value);
    const lastOrder = (d.prepare("SELECT MAX(MAX(created_ts), MAX(updated_ts)) AS ts FROM orders").get() as { ts: number | null }).ts;
    return { floorTime, lastOrder };
  } finally {
    d.close();
  }
}

/** The floor stopped where the signal found it: its last floor time within what 60x makes of the time from the last status line to the exit, and no order after it. */
function stoppedAtTheSignal(s: { db: string; sinceShown: number; lastFloorTime: number }) {
  const { floorTime, lastOrder } = floorState(s.db);
  // The status line shows floor time to the second, read within 50 ms of being printed; the signal then stops stepping.
  expect(floorTime).toBeGreaterThanOrEqual(s.lastFloorTime);
  expect(floorTime).toBeLessThanOrEqual(s.lastFloorTime + 1000 + SPEED * (250 + s.sinceShown));
  expect(lastOrder).not.toBeNull();
  expect(lastOrder!).toBeLessThanOrEqual(floorTime);
}

describe("SIGTERM to floor start (sim)", () => {
  it("on the in-process bus: exits 0 within 5 s, the ledger committed, the audit chain intact, nothing ordered after the signal", async () => {
    const s = await sigtermed("local", []);
    expect(s.r.code, s.r.stderr).toBe(0);
    expect(s.elapsed).toBeLessThan(SPEC_MS);
    expect(s.r.stderr).toMatch(/SIGTERM: stopping the floor/);
    expect(s.r.stdout).toMatch(/stopped cleanly \d+ ms after the signal/);
    stoppedAtTheSignal(s);
    await audited(s.db);
  }, 90_000);
});

describeNatsServer("SIGTERM to floor start (sim over NATS)", () => {
  let nats: NatsServerHandle;
  beforeAll(async () => {
    nats = await startNatsServer();
  });
  afterAll(async () => {
    await nats?.stop();
  });

  it("exits 0 within 5 s with its JetStream publishes acknowledged, the ledger committed, nothing ordered after the signal", async () => {
    const s = await sigtermed("nats", ["--bus", nats.url]);
    expect(s.r.code, s.r.stderr).toBe(0);
    expect(s.elapsed).toBeLessThan(SPEC_MS);
    expect(s.r.stderr).not.toMatch(/unacknowledged/);
    stoppedAtTheSignal(s);
    await audited(s.db);
  }, 90_000);

  it("with the NATS server SIGKILLed a second before: exits 1 within 5 s, naming what it could not flush; the file left consistent at its last checkpoint", async () => {
    const s = await sigtermed("killed", ["--bus", nats.url], async () => {
      await nats.down("SIGKILL");
      await new Promise((r) => setTimeout(r, 1000)); // the floor's next step now waits on a bus that is gone
    });
    await nats.up();
    expect(s.elapsed).toBeLessThan(SPEC_MS);
    expect(s.r.code, s.r.stderr).toBe(1);
    expect(s.r.stdout).not.toMatch(/stopped cleanly/);
    expect(s.r.stderr).toMatch(/floor start: the stop was not clean: the step at floor time \S+ did not finish: the bus did not go idle \(bus reconnecting\); the sim is left at its last checkpoint/);
    // What the kill cost is the uncommitted steps, as after a kill: the file is consistent and resumable.
    expect(floorState(s.db).floorTime).toBeLessThanOrEqual(s.lastFloorTime + 1000 + SPEED * (250 + s.sinceShown));
    await audited(s.db);
  }, 90_000);
});
