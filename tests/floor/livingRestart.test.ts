import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { LocalBus } from "../../floor/bus/index.ts";
import { loadFloorConfig } from "../../floor/config/index.ts";
import type { Supervisor } from "../../floor/host/index.ts";
import { createLogger } from "../../floor/log/createLogger.ts";
import { runFloor } from "../../floor/runner/index.ts";
import { agentRecord, listAgentEvents, openDb } from "../../state/index.ts";
import { floor } from "../helpers/floorCli.ts";
import { tmpDir } from "../helpers/tmp.ts";

const tmp = tmpDir("living-restart");
afterAll(() => tmp.remove());
const log = createLogger({ level: "silent" });
const agents = tmp.path("agents");
const dbPath = tmp.path("floor.db");

/** Run the floor from the tmp config to `untilMin` floor minutes, handing its supervisor to `during` once it is up. */
async function runTo(untilMin: number, during: (s: Supervisor) => Promise<void> = async () => {}): Promise<string[]> {
  const bus = new LocalBus();
  let started: Promise<void> | undefined;
  let booted: string[] = [];
  try {
    await runFloor({
      config: loadFloorConfig(tmp.path("floor.yaml")), bus, dbPath, seed: 5, speed: "max", untilMs: untilMin * 60_000, log, watchConfig: true,
      onSupervisor: (s) => {
        booted = s.all.map((h) => h.id);
        started = during(s);
      },
    });
    await started;
    return booted;
  } finally {
    await bus.close();
  }
}

describe("a living floor across restarts", () => {
  it("brings back what a command spawned, and retires what lost its file while the floor was down", async () => {
    mkdirSync(agents, { recursive: true });
    writeFileSync(tmp.path("floor.yaml"), "statusEverySec: 1\n");
    writeFileSync(`${agents}/momentum-1.yaml`, "id: momentum-1\nkind: trader\nstrategy: momentum\n");
    writeFileSync(`${agents}/fair-1.yaml`, "id: fair-1\nkind: trader\nstrategy: fairValue\n");

    const first = await runTo(30, async (s) => {
      const reply = await s.submit({ verb: "spawn", agentId: "cmd-1", config: { kind: "trader", strategy: "momentum", params: { lookbackSec: 90 } }, reason: "a test wants it", by: "operator" });
      expect(reply).toMatchObject({ ok: true, outcome: "spawned" });
    });
    expect(first).toEqual(["auditor", "monitor", "exchange", "boss", "fair-1", "momentum-1", "feed"]); // files in name order

    rmSync(`${agents}/fair-1.yaml`);
    const second = await runTo(60);
    expect(second).toContain("cmd-1");
    expect(second).not.toContain("fair-1");

    const db = openDb(dbPath, { readonly: true });
    try {
      expect(agentRecord(db, "cmd-1")).toMatchObject({ origin: "command", diedTs: null, config: { strategy: "momentum", params: { lookbackSec: 90 } } });
      expect(agentRecord(db, "fair-1")).toMatchObject({ origin: "config", state: "retired", deathReason: "its config file is gone (or disabled)" });
      expect(listAgentEvents(db, "fair-1").map((e) => [e.verb, e.by])).toEqual([["retired", "config"]]);
      expect(listAgentEvents(db, "cmd-1").map((e) => [e.verb, e.by, e.reason])).toEqual([["spawned", "operator", "a test wants it"]]);
    } finally {
      db.close();
    }
  }, 120_000);

  it("check-config refuses a bad agent file with the message the running floor audits", async () => {
    writeFileSync(`${agents}/bounds.yaml`, "id: b3\nkind: trader\nstrategy: momentum\nparams:\n  minEdge: 7\n");
    const r = await floor(["check-config", "--config", tmp.path("floor.yaml")]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(new RegExp(`^floor check-config: ${agents.replaceAll("/", "\\/")}\\/bounds\\.yaml:5: params\\.minEdge: `));
    rmSync(`${agents}/bounds.yaml`);
  }, 60_000);
});
