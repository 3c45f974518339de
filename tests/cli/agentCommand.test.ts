import { writeFileSync } from "node:fs";
import { afterAll, expect, it } from "vitest";
import { NatsBus, streamNameFor } from "../../floor/bus/index.ts";
import { loadFloorConfig } from "../../floor/config/index.ts";
import type { Supervisor } from "../../floor/host/index.ts";
import { createLogger } from "../../floor/log/createLogger.ts";
import { runFloor } from "../../floor/runner/index.ts";
import { waitFor } from "../feed/live/waitFor.ts";
import { floor } from "../helpers/floorCli.ts";
import { floorInProcess } from "../helpers/floorInProcess.ts";
import { describeNats, dropStreams, natsUrl, uniquePrefix } from "../helpers/nats.ts";
import { tmpDir } from "../helpers/tmp.ts";

const tmp = tmpDir("agent-cmd");
afterAll(() => tmp.remove());

await describeNats("floor agent (commands to a running floor over NATS)", () => {
  const prefix = uniquePrefix("agentcmd");
  afterAll(() => dropStreams(natsUrl(), [streamNameFor(prefix)]));
  const env = { POLYFLOOR_BUS_PREFIX: prefix, NATS_URL: natsUrl() };

  it("spawns and retires through the floor's supervisor, and says what was refused", async () => {
    const file = tmp.path("cmd-9.yaml");
    writeFileSync(file, "id: cmd-9\nkind: trader\nstrategy: momentum\nparams:\n  minEdge: 0.05\n");
    // No floor yet: the CLI says nobody answers.
    const none = await floor(["agent", "retire", "cmd-9", "--reason", "nobody home"], env);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no floor answers on nats:\/\/127\.0\.0\.1:4222/);

    const bus = await NatsBus.connect({ url: natsUrl(), prefix });
    const stop = new AbortController();
    let sup: Supervisor | undefined;
    const run = runFloor({ config: loadFloorConfig(undefined), bus, dbPath: tmp.path("floor.db"), seed: 3, speed: 60, log: createLogger({ level: "silent" }), signal: stop.signal, onSupervisor: (s) => (sup = s) });
    try {
      await waitFor(() => sup !== undefined, "the floor", 30_000);
      const spawned = await floor(["agent", "spawn", "cmd-9", "--file", file, "--reason", "an operator wants a second momentum"], env);
      expect(spawned.stdout.trim(), spawned.stderr).toMatch(/^cmd-9: spawned \(\w+\)$/);
      expect(spawned.code).toBe(0);
      expect(sup!.get("cmd-9")).toBeDefined();

      const again = await floor(["agent", "spawn", "cmd-9", "--file", file, "--reason", "twice", "--json"], env);
      expect(again.code).toBe(1);
      expect(JSON.parse(again.stdout)).toMatchObject({ ok: false, outcome: "refused", error: "cmd-9 is already running (reconfigure it instead)" });

      const retired = await floor(["agent", "retire", "cmd-9", "--reason", "enough"], env);
      expect(retired.stdout.trim()).toBe("cmd-9: retired (retired)");
      expect(sup!.get("cmd-9")).toBeUndefined();
    } finally {
      stop.abort();
      await run;
      await bus.close();
    }
  }, 120_000);

  it("checks the agent file before it asks", async () => {
    const bad = tmp.path("bad.yaml");
    writeFileSync(bad, "id: cmd-8\nkind: trader\nstrategy: momentum\nparams:\n  minEdge: 9\n");
    // In process (tests/helpers/floorInProcess.ts): both are refused before the command connects.
    const r = await floorInProcess(["agent", "spawn", "cmd-8", "--file", bad, "--reason", "r"], env);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`floor agent: ${bad}:5: params.minEdge: Too big: expected number to be <=0.5`);
    const noReason = await floorInProcess(["agent", "retire", "cmd-8"], env);
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toMatch(/--reason is required/);
  }, 60_000);
});
