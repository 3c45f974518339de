import { renameSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FloorConfig, type AgentCommandReply } from "../../protocols/index.ts";
import { tmpDir } from "../../tests/helpers/tmp.ts";
import type { AgentFileConfig, SupervisorCommand } from "../host/index.ts";
import { createLogger } from "../log/createLogger.ts";
import { parseAgentFile } from "./loadAgentFile.ts";
import { watchAgentFiles } from "./watchAgentFiles.ts";

const floor = FloorConfig.parse({});
const SETTLE_MS = 100;

interface Audited {
  kind: string;
  detail: Record<string, unknown>;
  severity: string | undefined;
}

let tmp: ReturnType<typeof tmpDir>, commands: SupervisorCommand[], audits: Audited[], watcher: ReturnType<typeof watchAgentFiles> | undefined;

/** What the supervisor would answer: every command runs (a reconfigure to `enabled: false` retires). */
function reply(cmd: SupervisorCommand): AgentCommandReply {
  const disabled = cmd.config?.enabled === false;
  const outcome = cmd.verb === "spawn" ? "spawned" : cmd.verb === "retire" || disabled ? "retired" : "reconfigured";
  return { ok: true, verb: cmd.verb, agentId: cmd.agentId, outcome };
}
const supervisor = {
  submit: (cmd: SupervisorCommand) => {
    commands.push(cmd);
    return Promise.resolve(reply(cmd));
  },
  audit: (kind: string, detail: Record<string, unknown>, severity?: string) => void audits.push({ kind, detail, severity }),
};

const trader = (id: string, params = "  minEdge: 0.04\n", extra = "") => `id: ${id}\nkind: trader\nstrategy: momentum\n${extra}params:\n${params}`;

/** Write a file as if long settled (the floor started from it). */
function old(name: string, text: string): string {
  const file = tmp.path(name);
  writeFileSync(file, text);
  const past = new Date(Date.now() - 60_000);
  utimesSync(file, past, past);
  return file;
}

async function waitFor(what: string, cond: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; commands ${JSON.stringify(commands)}; audits ${JSON.stringify(audits)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  await watcher?.idle();
}

/** Start watching with a.yaml and b.yaml already running. */
async function start(settleMs = SETTLE_MS): Promise<void> {
  const running: AgentFileConfig[] = [old("a.yaml", trader("a")), old("b.yaml", trader("b"))].map((f) => parseAgentFile(f, trader(f.endsWith("a.yaml") ? "a" : "b"), floor));
  watcher = watchAgentFiles({ dir: tmp.dir, floor, running, supervisor, log: createLogger({ level: "silent" }), settleMs, pollMs: 100 });
  await watcher.idle();
}

/** Add a good file and wait for its spawn: every change written before it has been looked at by then. */
async function barrier(id = "z"): Promise<SupervisorCommand[]> {
  writeFileSync(tmp.path(`${id}.yaml`), trader(id));
  await waitFor(`the spawn of ${id}`, () => commands.some((c) => c.verb === "spawn" && c.agentId === id));
  return commands.filter((c) => c.agentId !== id);
}

/** The one config refusal audited so far, as `file:line: field: reason`. */
const refusal = () => {
  const r = audits.filter((a) => a.kind === "config_refused");
  expect(r).toHaveLength(1);
  expect(r[0]!.severity).toBe("invalid");
  return String(r[0]!.detail.error);
};

beforeEach(() => {
  tmp = tmpDir("watch");
  commands = [];
  audits = [];
});
afterEach(async () => {
  watcher?.stop();
  await watcher?.idle();
  watcher = undefined;
  tmp.remove();
});

describe("watchAgentFiles", () => {
  it("sends nothing for the files the floor started from", async () => {
    await start();
    expect(await barrier()).toEqual([]);
    expect(audits).toEqual([]);
  });

  it("leaves alone an agent whose file was written just before the watcher started (not yet settled)", async () => {
    const text = trader("a");
    writeFileSync(tmp.path("a.yaml"), text); // fresh: the watcher waits settleMs before it reads it
    watcher = watchAgentFiles({ dir: tmp.dir, floor, running: [parseAgentFile(tmp.path("a.yaml"), text, floor)], supervisor, log: createLogger({ level: "silent" }), settleMs: SETTLE_MS, pollMs: 100 });
    await watcher.idle();
    expect(await barrier()).toEqual([]);
  });

  it("leaves alone an agent whose file is already broken when the watcher first reads it", async () => {
    const good = trader("a");
    const file = old("a.yaml", trader("a", "  minEdge: 0.9\n")); // broken after the floor loaded it
    watcher = watchAgentFiles({ dir: tmp.dir, floor, running: [parseAgentFile(file, good, floor)], supervisor, log: createLogger({ level: "silent" }), settleMs: SETTLE_MS, pollMs: 100 });
    await watcher.idle();
    expect(refusal()).toMatch(new RegExp(`^${file}:5: params\\.minEdge: `));
    expect(await barrier()).toEqual([]);
    writeFileSync(file, trader("a", "  minEdge: 0.05\n")); // fixed: the change goes to the running agent
    await waitFor("a reconfigure", () => commands.some((c) => c.agentId === "a"));
    expect(commands.filter((c) => c.agentId === "a")).toEqual([expect.objectContaining({ verb: "reconfigure", agentId: "a" })]);
  });

  it("asks once per version of a file the supervisor refused, not at every look", async () => {
    await start();
    const submit = supervisor.submit;
    supervisor.submit = (cmd) => {
      commands.push(cmd);
      return Promise.resolve(cmd.agentId === "x" ? { ok: false, verb: cmd.verb, agentId: "x", outcome: "refused", error: "x is already running (reconfigure it instead)" } : reply(cmd));
    };
    try {
      writeFileSync(tmp.path("x.yaml"), trader("x"));
      await waitFor("the spawn of x", () => commands.some((c) => c.agentId === "x"));
      await barrier("z1");
      await barrier("z2"); // two more looks at the folder
      expect(commands.filter((c) => c.agentId === "x")).toHaveLength(1);
      writeFileSync(tmp.path("x.yaml"), trader("x", "  minEdge: 0.05\n")); // a new version is asked about again
      await waitFor("a second spawn of x", () => commands.filter((c) => c.agentId === "x").length === 2);
    } finally {
      supervisor.submit = submit;
    }
  });

  it("spawns the agent of a new file, as `config`, naming the file", async () => {
    await start();
    const file = tmp.path("c.yaml");
    writeFileSync(file, trader("c", "  minEdge: 0.07\n"));
    await waitFor("a spawn", () => commands.length > 0);
    expect(commands).toEqual([{ verb: "spawn", agentId: "c", by: "config", reason: `${file} added`, config: expect.objectContaining({ id: "c", kind: "trader", enabled: true, params: expect.objectContaining({ minEdge: 0.07 }) }) }]);
  });

  it("reconfigures the agent of a changed file", async () => {
    await start();
    const file = tmp.path("a.yaml");
    writeFileSync(file, trader("a", "  minEdge: 0.06\n"));
    await waitFor("a reconfigure", () => commands.length > 0);
    expect(commands).toEqual([{ verb: "reconfigure", agentId: "a", by: "config", reason: `${file} changed`, config: expect.objectContaining({ id: "a", params: expect.objectContaining({ minEdge: 0.06 }) }) }]);
  });

  it("retires the agent of a removed file, naming the file", async () => {
    await start();
    const file = tmp.path("a.yaml");
    rmSync(file);
    await waitFor("a retire", () => commands.length > 0);
    expect(commands).toEqual([{ verb: "retire", agentId: "a", by: "config", reason: `${file} removed or disabled` }]);
    expect(await barrier()).toHaveLength(1); // once
  });

  it("sends `enabled: false` as a reconfigure, and nothing more once it retired", async () => {
    await start();
    writeFileSync(tmp.path("a.yaml"), trader("a", "  minEdge: 0.04\n", "enabled: false\n"));
    await waitFor("a reconfigure", () => commands.length > 0);
    expect(commands).toEqual([expect.objectContaining({ verb: "reconfigure", agentId: "a", config: expect.objectContaining({ enabled: false }) })]);
    expect(await barrier()).toHaveLength(1);
  });

  it("reads a file written in two halves once, whole", async () => {
    const settleMs = 400;
    await start(settleMs);
    const file = tmp.path("c.yaml");
    const text = trader("c", "  minEdge: 0.07\n  lookbackSec: 300\n");
    writeFileSync(file, text.slice(0, 20)); // "id: c\nkind: trader\ns": not a valid file
    await new Promise((r) => setTimeout(r, 150)); // the watcher looks in between (fs.watch, the poll) and waits
    expect(commands).toEqual([]);
    writeFileSync(file, text);
    await waitFor("a spawn", () => commands.length > 0);
    expect(commands).toEqual([expect.objectContaining({ verb: "spawn", agentId: "c", config: expect.objectContaining({ params: expect.objectContaining({ minEdge: 0.07, lookbackSec: 300 }) }) })]);
    expect(audits).toEqual([]);
  });

  describe("refuses a bad file with file:line: field: reason, sending no command", () => {
    it("a YAML syntax error", async () => {
      await start();
      const file = tmp.path("a.yaml");
      writeFileSync(file, "id: a\nkind: trader\nstrategy: momentum\nparams:\n  minEdge: [0.04\n");
      await waitFor("a refusal", () => audits.length > 0);
      expect(refusal()).toMatch(new RegExp(`^${file}:[56]: invalid YAML: `));
      expect(await barrier()).toEqual([]);
    });

    it("an unknown strategy", async () => {
      await start();
      const file = tmp.path("c.yaml");
      writeFileSync(file, "id: c\nkind: trader\nstrategy: astrology\n");
      await waitFor("a refusal", () => audits.length > 0);
      expect(refusal()).toMatch(new RegExp(`^${file}:3: strategy: .*momentum`));
      expect(await barrier()).toEqual([]);
    });

    it("an out-of-bounds parameter", async () => {
      await start();
      const file = tmp.path("a.yaml");
      writeFileSync(file, trader("a", "  lookbackSec: 120\n  minEdge: 0.9\n"));
      await waitFor("a refusal", () => audits.length > 0);
      expect(refusal()).toMatch(new RegExp(`^${file}:6: params\\.minEdge: `));
      expect(await barrier()).toEqual([]);
    });

    it("a duplicate id (the file that made the running agent keeps it)", async () => {
      await start();
      const file = tmp.path("c.yaml");
      writeFileSync(file, "# a copy of a\n" + trader("a", "  minEdge: 0.07\n"));
      await waitFor("a refusal", () => audits.length > 0);
      expect(refusal()).toBe(`${file}:2: id: duplicate agent id a (also in ${tmp.path("a.yaml")}:1)`);
      expect(await barrier()).toEqual([]);
      expect(audits.filter((a) => a.kind === "config_refused")).toHaveLength(1); // said once
    });
  });

  it("reconfigures once a broken file is fixed", async () => {
    await start();
    const file = tmp.path("a.yaml");
    writeFileSync(file, trader("a", "  minEdge: 0.9\n"));
    await waitFor("a refusal", () => audits.length > 0);
    expect(commands).toEqual([]);
    writeFileSync(file, trader("a", "  minEdge: 0.05\n"));
    await waitFor("a reconfigure", () => commands.length > 0);
    expect(commands).toEqual([expect.objectContaining({ verb: "reconfigure", agentId: "a", config: expect.objectContaining({ params: expect.objectContaining({ minEdge: 0.05 }) }) })]);
  });

  it("sends nothing for a renamed file with the same agent in it, and retires it from its new name", async () => {
    await start();
    const renamed = tmp.path("a-renamed.yaml");
    renameSync(tmp.path("a.yaml"), renamed);
    expect(await barrier()).toEqual([]);
    rmSync(renamed);
    await waitFor("a retire", () => commands.some((c) => c.verb === "retire"));
    expect(commands.find((c) => c.verb === "retire")).toEqual({ verb: "retire", agentId: "a", by: "config", reason: `${renamed} removed or disabled` });
  });
});
