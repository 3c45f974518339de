import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { tmpDir } from "../../tests/helpers/tmp.ts";
import { configErrorOf as errorOf } from "../../tests/helpers/configErrorOf.ts";
import { loadFloorConfig } from "./loadFloorConfig.ts";

const tmp = tmpDir("load-config");
afterAll(() => tmp.remove());

/** A config folder: floor.yaml and the given agent files. */
function configDir(name: string, floor: string, agents: Record<string, string> = {}): string {
  mkdirSync(tmp.path(`${name}/agents`), { recursive: true });
  writeFileSync(tmp.path(`${name}/floor.yaml`), floor);
  for (const [f, text] of Object.entries(agents)) writeFileSync(tmp.path(`${name}/agents/${f}`), text);
  return tmp.path(`${name}/floor.yaml`);
}

describe("loadFloorConfig", () => {
  it("names both files and lines of a duplicate agent id", () => {
    const file = configDir("dup", "capital: 100\n", {
      "a.yaml": "id: twin\nkind: trader\nstrategy: momentum\n",
      "b.yaml": "# the same trader again\nkind: trader\nid: twin\nstrategy: fairValue\n",
    });
    const e = errorOf(() => loadFloorConfig(file));
    expect(e.message).toBe(`${tmp.path("dup/agents/b.yaml")}:3: id: duplicate agent id twin (also in ${tmp.path("dup/agents/a.yaml")}:1)`);
  });

  it.each([
    ["floor.yaml", "", ""],
    ["floor.yaml", "# nothing here yet\n\n", ""],
    ["an agent file", "capital: 100\n", "\n"],
  ])("says that %s is empty", (_what, floor, agent) => {
    const file = configDir(`empty-${floor.length}-${agent.length}`, floor, agent === "" ? {} : { "t.yaml": agent });
    const e = errorOf(() => loadFloorConfig(file));
    expect(e.message).toMatch(/: the file is empty/);
    expect(e.file).toBe(agent === "" ? file : tmp.path(`empty-${floor.length}-${agent.length}/agents/t.yaml`));
  });

  it("refuses a directory, a device and a fifo as the config, without waiting on the fifo", () => {
    mkdirSync(tmp.path("adir"), { recursive: true });
    execFileSync("mkfifo", [tmp.path("fifo.yaml")]);
    expect(errorOf(() => loadFloorConfig(tmp.path("adir"))).message).toBe(`${tmp.path("adir")}: is a directory, not a YAML file`);
    expect(errorOf(() => loadFloorConfig("/dev/null")).message).toBe("/dev/null: is not a regular file (a device, fifo or socket)");
    expect(errorOf(() => loadFloorConfig(tmp.path("fifo.yaml"))).message).toMatch(/fifo\.yaml: is not a regular file/);
  });

  it("refuses an agents path that is a file", () => {
    mkdirSync(tmp.path("agentsfile"), { recursive: true });
    writeFileSync(tmp.path("agentsfile/floor.yaml"), "capital: 100\n");
    writeFileSync(tmp.path("agentsfile/agents"), "id: x\n");
    expect(errorOf(() => loadFloorConfig(tmp.path("agentsfile/floor.yaml"))).message).toMatch(/agents: is not a directory/);
  });

  it("refuses a trader whose entry delay and exit margin leave nothing of any window", () => {
    const file = configDir("never", "sim:\n  series:\n    - { asset: BTC, symbol: BTCUSD, marketMinutes: 5, startPrice: 95000 }\nlive:\n  marketMinutes: 15\n", {
      "late.yaml": "id: late\nkind: trader\nstrategy: momentum\nparams:\n  exitBeforeSec: 60\n  entryAfterSec: 840\n",
    });
    const e = errorOf(() => loadFloorConfig(file));
    expect(e.message).toBe(`${tmp.path("never/agents/late.yaml")}:6: params.entryAfterSec: entryAfterSec 840 + exitBeforeSec 60 leave nothing of a 15-minute window: this trader would never trade`);
    writeFileSync(tmp.path("never/agents/late.yaml"), "id: late\nkind: trader\nstrategy: momentum\nparams:\n  exitBeforeSec: 60\n  entryAfterSec: 839\n");
    expect(loadFloorConfig(file).agents.map((a) => a.id)).toEqual(["late"]);
  });
});
