import { execFileSync, spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../../state/index.ts";
import { floor, ROOT, type CliResult } from "../helpers/floorCli.ts";
import { floorInProcess } from "../helpers/floorInProcess.ts";
import { DECEMBER_WEEK } from "../helpers/sharedData.ts";
import { tmpDir } from "../helpers/tmp.ts";
import { mountTmpfs } from "../helpers/tmpfs.ts";

const tmp = tmpDir("bad-inputs");
const p = tmp.path;
const BIN = fileURLToPath(new URL("../../bin/floor.mjs", import.meta.url));
let readOnly: ReturnType<typeof mountTmpfs>;

beforeAll(() => {
  mkdirSync(p("folder"));
  execFileSync("mkfifo", [p("fifo")]);
  writeFileSync(p("text.db"), "not a database\n");
  writeFileSync(p("empty.yaml"), "# nothing yet\n");
  writeFileSync(p("empty.db"), "");
  const other = new Database(p("other.db"));
  other.exec("CREATE TABLE t (x)");
  other.close();
  openDb(p("floor.db")).close();
  readOnly = mountTmpfs(p("ro"), { size: "64k", readonly: true });
});
afterAll(() => {
  readOnly?.unmount();
  tmp.remove();
});

const READERS = [["status"], ["agents"], ["audit", "verify"]];
const WRITERS = [["start", "--until", "15m", "--speed", "max", "--dashboard", "off"], ["backtest", "--data", DECEMBER_WEEK]];
const CONFIG_READERS = [["start", "--until", "15m", "--speed", "max", "--dashboard", "off", "--db", "DB"], ["backtest", "--data", DECEMBER_WEEK, "--db", "DB"], ["check-config"], ["record", "--out", "OUT", "--duration", "1s"]];
const OUT_WRITERS = [["record", "--duration", "1s", "--out"], ["machines", "--export"]];

type Case = [args: string[], code: number, why: RegExp, ro?: boolean];
// Every command is tried with the inputs that reach its own code; one that shares a check with
// another (the read commands open the database alike) is tried with the rest on the first only.
/** Each CLI run loads the whole floor through tsx: seconds each on a busy machine. */
const SLOW = 180_000;
const cases: Case[] = [
  ...READERS.flatMap((c): Case[] => [
    [[...c, "--db", p("missing/x.db")], 1, /no floor database at .*missing\/x\.db/],
    [[...c, "--db", p("folder")], 2, /--db .*folder is a directory/],
    [[...c, "--db", p("fifo")], 2, /--db .*fifo is not a regular file/],
    [[...c, "--db", p("other.db")], 2, /--db .*other\.db is a SQLite database but not a floor's/],
    [[...c, "--db", ""], 2, /--db needs a value/],
  ]),
  [["status", "--db", "/dev/null"], 2, /--db \/dev\/null is not a regular file/],
  [["status", "--db", p("text.db")], 2, /--db .*text\.db is not a floor database \(not SQLite\)/],
  [["status", "--db", p("empty.db")], 2, /--db .*empty\.db is not a floor database \(the file is empty\)/],
  [["status", "--db="], 2, /--db needs a value/],
  ...WRITERS.flatMap((c): Case[] => [
    [[...c, "--db", p("fifo")], 2, /fifo/],
    [[...c, "--db", p("text.db/x.db")], 2, /--db .*text\.db\/x\.db: a parent of it is a file/],
    [[...c, "--db", p("ro/sub/x.db")], 1, /--db .*ro\/sub\/x\.db: cannot write in .*ro \(EROFS\)/, true],
    [[...c, "--db", ""], 2, /--db needs a value/],
  ]),
  [[...WRITERS[0]!, "--db", p("folder")], 2, /--db .*folder is a directory/],
  [[...WRITERS[0]!, "--db", "/dev/null"], 2, /--db \/dev\/null is not a regular file/],
  [[...WRITERS[0]!, "--db", p("text.db")], 2, /--db .*text\.db is not a SQLite database: refusing to write into it/],
  [["backtest", "--data", p("missing")], 2, /missing: cannot read the folder/],
  [["backtest", "--data", p("text.db")], 2, /text\.db: cannot read the folder/],
  [["backtest", "--data="], 2, /--data needs a value/],
  ...CONFIG_READERS.flatMap((c, i): Case[] => {
    const args = c.map((a) => (a === "DB" ? p(`cfg-${c[0]}.db`) : a === "OUT" ? p(`rec-${c[0]}`) : a));
    const all: Case[] = [
      [[...args, "--config", p("missing.yaml")], 2, /missing\.yaml: file not found/],
      [[...args, "--config", p("fifo")], 2, /fifo: is not a regular file/],
      [[...args, "--config="], 2, /--config needs a value/],
      [[...args, "--config", p("folder")], 2, /folder: is a directory, not a YAML file/],
      [[...args, "--config", "/dev/null"], 2, /\/dev\/null: is not a regular file/],
      [[...args, "--config", p("empty.yaml")], 2, /empty\.yaml: the file is empty/],
    ];
    return i < 2 ? all : all.slice(0, 3);
  }),
  ...OUT_WRITERS.flatMap((c): Case[] => [
    [[...c, p("text.db")], 2, new RegExp(`${c.at(-1)} .*text\\.db is not a folder`)],
    [[...c, "/dev/full"], 2, new RegExp(`${c.at(-1)} /dev/full is not a folder`)],
    [[...c, p("ro/out")], 1, new RegExp(`${c.at(-1)} .*ro/out: cannot write in .*ro \\(EROFS\\)`), true],
    [[...c, ""], 2, new RegExp(`${c.at(-1)} needs a value`)],
  ]),
];

/** No stack frame, no Node crash banner. */
function noStack(r: CliResult): void {
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toMatch(/Node\.js v\d/);
}

function expectRefused(r: CliResult, code: number, why: RegExp): void {
  noStack(r);
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
  expect(r.stderr).toMatch(why);
  expect(r.code).toBe(code);
  expect(r.stdout).not.toMatch(/running|stopped cleanly|config OK|wrote/);
}

// Each case runs the CLI's main in this process (tests/helpers/floorInProcess.ts): the same
// commands and checks, without seconds of loading the floor per case. A spawned CLI is run for one
// case of each kind below: that bin/floor.mjs itself prints the one line, no stack, and exits so.
describe("every command x bad path or empty value: one line naming it, exit 1 (runtime) or 2 (usage)", () => {
  it.each(cases)("floor %j exits %i", async (args, code, why, ro) => {
    if (ro && !readOnly) return void console.warn("[skip] cannot mount a read-only tmpfs here (needs root)");
    expectRefused(await floorInProcess(args), code, why);
  });

  it("a read command never creates the database it was pointed at", async () => {
    for (const c of READERS) await floorInProcess([...c, "--db", p("never.db")]);
    expect(existsSync(p("never.db"))).toBe(false);
    expect(existsSync(p("missing"))).toBe(false);
  });
});

/** One case of each kind, through the real binary: runtime (1), usage (2), config (2), an unwritable folder (1), an option without its value (2). */
const SPAWNED: Case[] = [
  cases.find(([a]) => a[0] === "status" && a.includes(p("missing/x.db")))!,
  cases.find(([a]) => a[0] === "start" && a.includes(p("fifo")) && !a.includes("--config"))!,
  cases.find(([a]) => a[0] === "check-config" && a.includes(p("missing.yaml")))!,
  cases.find(([a]) => a[0] === "record" && a.includes(p("ro/out")))!,
  cases.find(([a]) => a[0] === "backtest" && a.includes("--data="))!,
];

describe("the same through bin/floor.mjs: one line, no stack, the exit status", () => {
  it.concurrent.each(SPAWNED)("floor %j exits %i", async (args, code, why, ro) => {
    if (ro && !readOnly) return void console.warn("[skip] cannot mount a read-only tmpfs here (needs root)");
    expectRefused(await floor(args, {}, SLOW), code, why);
  }, SLOW);
});

const HELP = [["start"], ["backtest"], ["status"], ["agents"], ["agent"], ["audit"], ["check-config"], ["machines"], ["record"]];
function expectHelp(r: CliResult, name: string): void {
  expect(r.code).toBe(0);
  expect(r.stderr).toBe("");
  expect(r.stdout).toMatch(new RegExp(`^usage: floor ${name} `));
  expect(r.stdout).not.toMatch(/\n {2}(start|status|agents|machines) /); // that command's lines only
}

describe("--help", () => {
  it.each(HELP)("floor %s --help prints its usage and exits 0", async (name) => expectHelp(await floorInProcess([name, "--help"]), name));
  it("floor start --help, through bin/floor.mjs", async () => expectHelp(await floor(["start", "--help"], {}, SLOW), "start"), SLOW);
});

/** Run the CLI with stdout on `fd` (or a pipe whose reading end is closed at once). */
function withStdout(args: string[], stdout: number | "closed"): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ["ignore", stdout === "closed" ? "pipe" : stdout, "pipe"] });
    if (stdout === "closed") child.stdout!.destroy();
    let stderr = "";
    child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("exit", (code, signal) => setImmediate(() => resolve({ code, signal, stdout: "", stderr })));
  });
}

describe("stdout that cannot be written: one line, exit 1, no stack", () => {
  it.concurrent.each([[["status", "--db", "DB"]], [["agents", "--db", "DB", "--json"]], [["audit", "verify", "--db", "DB"]], [["check-config"]], [["status", "--help"]]])("floor %j | head -0", async (args) => {
    const r = await withStdout(args.map((a) => (a === "DB" ? p("floor.db") : a)), "closed");
    noStack(r);
    expect(r.stderr.trim()).toBe(`floor ${args[0]}: stdout was closed (EPIPE); output was lost`);
    expect(r.code).toBe(1);
  }, SLOW);

  it("floor status > /dev/full", async () => {
    const fd = openSync("/dev/full", "w");
    const r = await withStdout(["status", "--db", p("floor.db")], fd);
    closeSync(fd);
    noStack(r);
    expect(r.stderr.trim()).toBe("floor status: stdout: no space left on the device (ENOSPC); output was lost");
    expect(r.code).toBe(1);
  }, SLOW);
});

describe("a full disk under the database", () => {
  const full = tmp.path("full");
  let disk: ReturnType<typeof mountTmpfs>;
  // 120 KB: a 6 h floor's database alone is about 190 KB, so the disk fills whatever the WAL does.
  beforeAll(() => void (disk = mountTmpfs(full, { size: "120k" })));
  afterAll(() => disk?.unmount());

  it("floor start stops with exit 1 and one line naming the file, no stack", async () => {
    if (!disk) return void console.warn("[skip] cannot mount a tmpfs here (needs root)");
    const r = await floor(["start", "--until", "6h", "--speed", "max", "--dashboard", "off", "--db", `${full}/f.db`], {}, SLOW);
    noStack(r);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n").at(-1)).toBe(`floor start: ${full}/f.db: the disk is full (SQLITE_FULL)`);
  }, SLOW);
});
