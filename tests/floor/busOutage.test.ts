import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { finished, startFloor, waitForOutput } from "../helpers/floorCli.ts";
import { describeNatsServer, startNatsServer, uniquePrefix, type NatsServerHandle } from "../helpers/nats.ts";
import { tmpDir } from "../helpers/tmp.ts";

const SPEED = 20;
const OUTAGE_MS = 6000;

/** Floor time (ms) of each status line in `stdout`, with the line. */
function statusLines(stdout: string): Array<{ t: number; line: string }> {
  return [...stdout.matchAll(/^\[(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)\] markets .*$/gm)].map((m) => ({ t: Date.parse(`${m[1]!.replace(" ", "T")}Z`), line: m[0] }));
}

async function until(cond: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describeNatsServer("a sim floor through a NATS outage", () => {
  const tmp = tmpDir("bus-outage");
  let server: NatsServerHandle;
  beforeAll(async () => {
    server = await startNatsServer();
    writeFileSync(tmp.path("floor.yaml"), "statusEverySec: 1\n");
  });
  afterAll(async () => {
    await server?.stop();
    tmp.remove();
  });

  it("says the bus is down and back, and then paces from now instead of racing through the missed floor time", async () => {
    const args = ["start", "--bus", server.url, "--speed", String(SPEED), "--seed", "3", "--config", tmp.path("floor.yaml"), "--db", tmp.path("f.db"), "--dashboard", "off"];
    const child = startFloor(args, { POLYFLOOR_BUS_PREFIX: uniquePrefix("outage") });
    try {
      await waitForOutput(child, /running/, 60_000);
      await until(() => statusLines(child.output.stdout).length >= 3, "status lines before the outage");
      await server.down();
      await until(() => /bus DOWN at \d\d:\d\d:\d\d/.test(child.output.stderr), "the floor to say the bus is down");
      await new Promise((r) => setTimeout(r, OUTAGE_MS));
      await server.up();
      await until(() => /bus back at \d\d:\d\d:\d\d after \d+\.\d s down \(1 disconnect, 1 reconnect\)/.test(child.output.stderr), "the floor to say the bus is back");
      const after = () => statusLines(child.output.stdout).filter((s) => /bus connected \(1 disconnect, 1 reconnect\)/.test(s.line));
      await until(() => after().length >= 6, "status lines after the outage");
      const lines = after();
      const steps = lines.slice(1).map((s, i) => (s.t - lines[i]!.t) / 1000);
      // A status line per wall second: each shows about SPEED more floor seconds. Racing to catch up would put
      // the SPEED x 6 s = 120 floor seconds missed into one interval; allow up to half that (wall seconds stretch on a busy machine).
      expect(steps.every((n) => n > 0)).toBe(true);
      expect(Math.max(...steps)).toBeLessThan((SPEED * OUTAGE_MS) / 1000 / 2);
    } finally {
      child.kill("SIGINT");
      const r = await finished(child, 60_000);
      expect(r.code, r.stderr).toBe(0);
    }
  }, 120_000);
});
