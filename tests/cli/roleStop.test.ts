// Issue 15, point 6, for a floor split over one process per role: SIGTERM to any role's process stops it
// cleanly within 5 s, the exchange's first (the others still running), then each of the rest.
import { afterAll, expect, it } from "vitest";
import { streamNameFor } from "../../floor/bus/natsStream.ts";
import { finished, waitForOutput } from "../helpers/floorCli.ts";
import { describeNats, dropStreams, natsUrl, uniquePrefix } from "../helpers/nats.ts";
import { SIX_ROLES, startSixRoles } from "../helpers/sixRoles.ts";
import { tmpDir } from "../helpers/tmp.ts";

await describeNats("SIGTERM to each role of a split floor", () => {
  const tmp = tmpDir("role-stop");
  const prefix = uniquePrefix("rstop");
  afterAll(async () => {
    await dropStreams(natsUrl(), [streamNameFor(prefix)]);
    tmp.remove();
  });

  it("each role's process exits 0 within 5 s of its own SIGTERM, saying it stopped cleanly", async () => {
    const floor = startSixRoles({ dir: tmp, args: ["--bus", natsUrl(), "--speed", "60", "--seed", "3"], env: { POLYFLOOR_BUS_PREFIX: prefix, LOG_LEVEL: "warn" } });
    try {
      await Promise.all(SIX_ROLES.map((role) => waitForOutput(floor.procs[role], /^running/m, 120_000)));
      await waitForOutput(floor.procs.feed, /\] markets \d+ settled/, 30_000); // the clock has stepped
      for (const role of ["exchange", "feed", "traders", "boss", "monitor", "auditor"] as const) {
        const p = floor.procs[role];
        const signalled = Date.now();
        p.kill("SIGTERM");
        const r = await finished(p, 20_000);
        expect({ role, code: r.code, fast: Date.now() - signalled < 5000 }, r.stderr).toEqual({ role, code: 0, fast: true });
        expect(r.stdout).toMatch(/stopped cleanly \d+ ms after the signal/);
      }
    } finally {
      await floor.kill();
    }
  }, 300_000);
});
