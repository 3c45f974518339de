// Issue 15, point 6, for a floor split over one process per role: SIGTERM to any role's process stops it
// cleanly within 5 s, the exchange's first (the others still running), then each of the rest.
import { afterAll, expect, it } from "vitest";
import { streamNameFor } from "../../floor/bus/natsStream.ts";
import { finished, startFloor, waitForOutput } from "../helpers/floorCli.ts";
import { describeNats, dropStreams, natsUrl, uniquePrefix } from "../helpers/nats.ts";
import { tmpDir } from "../helpers/tmp.ts";

const ROLES = ["feed", "traders", "boss", "exchange", "monitor", "auditor"] as const;

await describeNats("SIGTERM to each role of a split floor", () => {
  const tmp = tmpDir("role-stop");
  const prefix = uniquePrefix("rstop");
  afterAll(async () => {
    await dropStreams(natsUrl(), [streamNameFor(prefix)]);
    tmp.remove();
  });

  it("each role's process exits 0 within 5 s of its own SIGTERM, saying it stopped cleanly", async () => {
    const env = { POLYFLOOR_BUS_PREFIX: prefix, LOG_LEVEL: "warn" };
    const procs = ROLES.map((role) => startFloor(["start", "--role", role, "--bus", natsUrl(), "--db", tmp.path(`${role}.db`), "--speed", "60", "--seed", "3"], env));
    try {
      await Promise.all(procs.map((p) => waitForOutput(p, /^running/m, 120_000)));
      await waitForOutput(procs[0]!, /\] markets \d+ settled/, 30_000); // the clock has stepped
      for (const role of ["exchange", "feed", "traders", "boss", "monitor", "auditor"] as const) {
        const p = procs[ROLES.indexOf(role)]!;
        const signalled = Date.now();
        p.kill("SIGTERM");
        const r = await finished(p, 20_000);
        expect({ role, code: r.code, fast: Date.now() - signalled < 5000 }, r.stderr).toEqual({ role, code: 0, fast: true });
        expect(r.stdout).toMatch(/stopped cleanly \d+ ms after the signal/);
      }
    } finally {
      for (const p of procs) p.kill("SIGKILL");
    }
  }, 300_000);
});
