import { accessSync, constants } from "node:fs";
import { UsageError } from "../UsageError.ts";
import { mustBeCreatable, statOf } from "./pathKind.ts";

/** Check a folder a command will write into (`--out`, `--export`): a folder we may write, or one we can create. */
export function checkOutputDir(path: string, flag: string): void {
  const st = statOf(flag, path);
  if (st === undefined) return mustBeCreatable(flag, path);
  if (!st.isDirectory()) throw new UsageError(`${flag} ${path} is not a folder`);
  try {
    accessSync(path, constants.W_OK);
  } catch (e) {
    throw new Error(`${flag} ${path}: cannot write in it (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}
