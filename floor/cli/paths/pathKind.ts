import { accessSync, constants, statSync, type Stats } from "node:fs";
import { dirname } from "node:path";
import { UsageError } from "../UsageError.ts";

/** What is at `path`: its stats, or undefined when nothing is. Other failures (EACCES...) are thrown as one line. */
export function statOf(flag: string, path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    if (code === "ENOTDIR") throw new UsageError(`${flag} ${path}: a parent of it is a file, not a folder`);
    throw new Error(`${flag} ${path}: cannot be read (${code ?? String(e)})`);
  }
}

/** Refuse a directory or a device, fifo or socket where a regular file is expected (exit 2). */
export function mustBeFile(flag: string, path: string, st: Stats): void {
  if (st.isDirectory()) throw new UsageError(`${flag} ${path} is a directory, not a file`);
  if (!st.isFile()) throw new UsageError(`${flag} ${path} is not a regular file (a device, fifo or socket)`);
}

/**
 * Refuse a new file or folder at `path` that could not be created: the nearest folder that
 * exists must be a folder and writable (EROFS counts, even for root). Exit 1: the argument is
 * well formed, the machine says no.
 */
export function mustBeCreatable(flag: string, path: string): void {
  let dir = dirname(path);
  let st = statOf(flag, dir);
  while (st === undefined && dirname(dir) !== dir) {
    dir = dirname(dir);
    st = statOf(flag, dir);
  }
  if (st && !st.isDirectory()) throw new UsageError(`${flag} ${path}: ${dir} is a file, not a folder`);
  try {
    accessSync(dir, constants.W_OK);
  } catch (e) {
    throw new Error(`${flag} ${path}: cannot write in ${dir} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}
