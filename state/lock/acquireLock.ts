import { linkSync, mkdirSync, readFileSync, realpathSync, unlinkSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { basename, dirname, join, resolve } from "node:path";
import type { LockHolder } from "../../protocols/lockFile.ts";
import { LockHeldError } from "./LockHeldError.ts";
import { removeIfUnchanged } from "./removeIfUnchanged.ts";
import { currentHolder, holderAlive, parseHolder } from "./lockHolder.ts";

/** A held lock on a floor's state file. `release` is idempotent and also runs at process exit. */
export interface DbLock {
  readonly path: string;
  /** The holder whose stale lock this one replaced (it is no longer running). */
  readonly tookOver?: LockHolder;
  release(): void;
}

const code = (e: unknown) => (e as NodeJS.ErrnoException).code;
const readOr = (path: string): string | undefined => {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    if (code(e) === "ENOENT") return undefined;
    throw e;
  }
};

/** `<db>.lock` beside the real file, so `data/floor.db`, `./data/floor.db` and a symlink to it share one lock. */
export function lockPathOf(dbPath: string): string {
  const dir = dirname(resolve(dbPath));
  mkdirSync(dir, { recursive: true });
  return join(realpathSync(dir), `${basename(dbPath)}.lock`);
}

/** Create the lock file with its whole text or not at all: written aside, then hard-linked in (link never overwrites). */
function tryCreate(path: string, text: string): boolean {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}`;
  try {
    writeFileSync(tmp, text, { flag: "wx" });
  } catch (e) {
    if (code(e) !== "EACCES" && code(e) !== "EROFS" && code(e) !== "EPERM") throw e;
    throw new Error(`cannot write in ${dirname(path)} (${code(e)}): a floor keeps its ledger, its write-ahead log and its lock there`);
  }
  try {
    linkSync(tmp, path);
    return true;
  } catch (e) {
    if (code(e) === "EEXIST") return false;
    if (code(e) !== "EPERM" && code(e) !== "ENOTSUP") throw e;
    // A file system without hard links: exclusive create, briefly empty to a reader (who then waits, see below).
    try {
      writeFileSync(path, text, { flag: "wx" });
      return true;
    } catch (e2) {
      if (code(e2) === "EEXIST") return false;
      throw e2;
    }
  } finally {
    unlinkSync(tmp);
  }
}

/** Wait `ms` without returning to the event loop: a floor takes its lock before it starts anything. */
const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Remove the stale lock `stale`, if it still is, under a guard (`<lock>.takeover`, created like a
 * lock) so that only one floor at a time removes one. Without it, a floor that renamed a stale lock
 * aside could move away the lock another floor had just taken, and a third floor could lock in the
 * gap: two holders. Under the guard the lock cannot change between reading and removing it (its
 * holder is dead, and a lock is never created over an existing one). A guard whose holder died is
 * cleared; while another floor holds it, this one waits a little and looks again.
 */
function takeOver(path: string, stale: string): boolean {
  const guard = `${path}.takeover`;
  if (!tryCreate(guard, JSON.stringify(currentHolder("lock takeover")))) {
    const g = readOr(guard);
    const h = g === undefined ? undefined : parseHolder(g);
    if (g !== undefined && h && !holderAlive(h)) removeIfUnchanged(guard, g);
    pause(5);
    return false;
  }
  try {
    if (readOr(path) !== stale) return false;
    unlinkSync(path);
    return true;
  } finally {
    unlinkSync(guard);
  }
}

/**
 * Take the exclusive lock on a floor's state file (`<db>.lock`, naming this process), or throw
 * LockHeldError naming the holder. A lock whose holder is gone (same host, pid not running) is
 * taken over and reported in `tookOver`. Readers never take it.
 */
export function acquireLock(dbPath: string, command = `floor ${process.argv.slice(2).join(" ")}`): DbLock {
  const path = lockPathOf(dbPath);
  const text = JSON.stringify(currentHolder(command));
  let tookOver: LockHolder | undefined;
  for (let attempt = 0; attempt < 200; attempt++) {
    if (tryCreate(path, text)) return held(path, text, tookOver);
    const seen = readOr(path);
    if (seen === undefined) continue; // released meanwhile
    const holder = parseHolder(seen);
    if (!holder) {
      if (seen === "" && attempt < 199) continue; // being written (no hard links): look again
      throw new LockHeldError(dbPath, path, undefined);
    }
    if (holderAlive(holder)) throw new LockHeldError(dbPath, path, holder);
    if (takeOver(path, seen)) tookOver = holder;
  }
  throw new LockHeldError(dbPath, path, parseHolder(readOr(path) ?? ""));
}

function held(path: string, text: string, tookOver: LockHolder | undefined): DbLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off("exit", release);
    // Only our own lock: never one another floor took over from us.
    if (readOr(path) === text) unlinkSync(path);
  };
  process.on("exit", release);
  return { path, ...(tookOver ? { tookOver } : {}), release };
}
