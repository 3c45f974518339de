import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tmpDir } from "../../tests/helpers/tmp.ts";
import { acquireLock, lockPathOf } from "./acquireLock.ts";
import { LockHeldError } from "./LockHeldError.ts";
import { currentHolder } from "./lockHolder.ts";

const ACQUIRE = fileURLToPath(new URL("./acquireLock.ts", import.meta.url));
let tmp: ReturnType<typeof tmpDir>;
beforeEach(() => (tmp = tmpDir("lock")));
afterEach(() => tmp.remove());

/** A pid no process has any more: a child that has exited. */
const deadPid = () => spawnSync(process.execPath, ["-e", ""]).pid!;

/** Run `code` in a child Node (TypeScript through tsx) that has the lock module as `acquireLock`. */
function child(code: string): Promise<{ code: number | null; out: string }> {
  const script = `const { acquireLock } = await import(${JSON.stringify(ACQUIRE)}); ${code}`;
  const p = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  p.stdout.on("data", (d: Buffer) => (out += d.toString()));
  return new Promise((resolve) => p.on("exit", (c) => resolve({ code: c, out: out.trim() })));
}

describe("acquireLock", () => {
  it("writes the holder beside the db, refuses a second writer by file and pid, and frees the lock on release", () => {
    const db = tmp.path("f.db");
    const lock = acquireLock(db, "floor start");
    expect(lock.path).toMatch(/f\.db\.lock$/);
    expect(JSON.parse(readFileSync(lock.path, "utf8"))).toMatchObject({ pid: process.pid, host: hostname(), command: "floor start" });
    expect(() => acquireLock(db, "floor start")).toThrow(LockHeldError);
    expect(() => acquireLock(db, "floor start")).toThrow(new RegExp(`f\\.db is in use by another floor: pid ${process.pid} `));
    lock.release();
    expect(existsSync(lock.path)).toBe(false);
    acquireLock(db, "again").release();
  });

  it("is one lock for every spelling of the path, a symlink included", () => {
    const lock = acquireLock(tmp.path("f.db"), "a");
    symlinkSync(tmp.dir, tmp.path("link"));
    expect(lockPathOf(tmp.path("link/f.db"))).toBe(lock.path);
    expect(() => acquireLock(`${tmp.dir}/./f.db`, "b")).toThrow(LockHeldError);
    lock.release();
  });

  it("takes over a lock whose holder is gone, and says whose it was", () => {
    const db = tmp.path("f.db");
    const pid = deadPid();
    writeFileSync(lockPathOf(db), JSON.stringify({ ...currentHolder("floor start"), pid }));
    const lock = acquireLock(db, "floor start");
    expect(lock.tookOver?.pid).toBe(pid);
    expect(JSON.parse(readFileSync(lock.path, "utf8")).pid).toBe(process.pid);
    lock.release();
  });

  it.runIf(existsSync("/proc/self/stat"))("takes over a lock whose pid now belongs to another process (a reused pid)", () => {
    const db = tmp.path("f.db");
    const me = currentHolder("floor start");
    writeFileSync(lockPathOf(db), JSON.stringify({ ...me, startTicks: me.startTicks! + 1 }));
    expect(acquireLock(db, "floor start").tookOver?.pid).toBe(process.pid);
  });

  it("refuses a holder on another host (it cannot be checked) and a lock file that names no one", () => {
    const db = tmp.path("f.db");
    writeFileSync(lockPathOf(db), JSON.stringify({ ...currentHolder("floor start"), pid: deadPid(), host: "elsewhere" }));
    expect(() => acquireLock(db, "x")).toThrow(/pid \d+ on elsewhere/);
    writeFileSync(lockPathOf(db), "garbage");
    expect(() => acquireLock(db, "x")).toThrow(/names no holder: delete it if no floor is running/);
  });

  it("is released when the process exits without releasing it, and survives a SIGKILL as a stale lock", async () => {
    const db = tmp.path("f.db");
    expect(await child(`acquireLock(${JSON.stringify(db)}, "exits"); process.exit(0);`)).toEqual({ code: 0, out: "" });
    expect(existsSync(lockPathOf(db))).toBe(false);
    const killed = await child(`acquireLock(${JSON.stringify(db)}, "killed"); process.kill(process.pid, "SIGKILL");`);
    expect(killed.code).toBe(null);
    expect(JSON.parse(readFileSync(lockPathOf(db), "utf8")).command).toBe("killed");
    expect(acquireLock(db, "after").tookOver?.command).toBe("killed");
  });

  it("lets exactly one of several floors starting at the same instant over a stale lock have it", async () => {
    const db = tmp.path("f.db");
    writeFileSync(lockPathOf(db), JSON.stringify({ ...currentHolder("floor start"), pid: deadPid() }));
    const at = Date.now() + 3000; // all children spin until then, so their attempts overlap
    const race = `while (Date.now() < ${at}); try { acquireLock(${JSON.stringify(db)}, "racer"); console.log("won"); await new Promise((r) => setTimeout(r, 6000)); } catch (e) { console.log(e.name); }`;
    const results = await Promise.all(Array.from({ length: 4 }, () => child(race)));
    const outs = results.map((r) => r.out).sort();
    expect(outs).toEqual(["LockHeldError", "LockHeldError", "LockHeldError", "won"]);
  });
});
