import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BIN = fileURLToPath(new URL("../../bin/floor.mjs", import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Where and as whom the CLI runs: the repository and this user unless told. */
export type CliSpawn = Pick<SpawnOptions, "cwd" | "uid" | "gid">;

/** Run `floor ...args` as a user would, to completion. */
export function floor(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 60_000, how: CliSpawn = {}): Promise<CliResult> {
  return finished(startFloor(args, env, how), timeoutMs);
}

/** Start `floor ...args` and leave it running. */
export function startFloor(args: string[], env: NodeJS.ProcessEnv = {}, how: CliSpawn = {}): ChildProcess & { output: { stdout: string; stderr: string } } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, ...how, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const output = { stdout: "", stderr: "" };
  child.stdout!.on("data", (d: Buffer) => (output.stdout += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output.stderr += d.toString()));
  return Object.assign(child, { output });
}

export function finished(child: ReturnType<typeof startFloor>, timeoutMs = 60_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`floor did not exit within ${timeoutMs} ms\n${child.output.stdout}\n${child.output.stderr}`));
    }, timeoutMs);
    child.on("exit", (code, signal) => {
      clearTimeout(t);
      // Let the pipes drain before reporting.
      setImmediate(() => resolve({ code, signal, ...child.output }));
    });
  });
}

/** Resolve once the running floor's stdout matches `pattern`. */
export function waitForOutput(child: ReturnType<typeof startFloor>, pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const m = child.output.stdout.match(pattern);
      if (m) {
        clearInterval(poll);
        clearTimeout(t);
        resolve(m);
      }
    };
    const poll = setInterval(check, 50);
    const t = setTimeout(() => {
      clearInterval(poll);
      reject(new Error(`no output matching ${pattern} within ${timeoutMs} ms\n--- stdout\n${child.output.stdout}\n--- stderr\n${child.output.stderr}`));
    }, timeoutMs);
  });
}
