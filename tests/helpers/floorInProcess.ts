import { readdirSync, readlinkSync } from "node:fs";
import { isAbsolute } from "node:path";
import { main } from "../../floor/cli/main.ts";
import type { Io } from "../../floor/cli/Io.ts";
import type { CliResult } from "./floorCli.ts";

/**
 * Run `floor ...args` inside this test process: the CLI's own `main` (bin/floor.mjs calls the same
 * one) with captured stdout and stderr, its returned exit status as `code`. A spawned CLI spends
 * seconds of CPU loading the floor through tsx before it reads its first argument; this spends none,
 * so the commands' checks (bad paths, bad options, bad config, read-only commands on a file) can be
 * tried many times over. What only a real process shows (that bin/floor.mjs prints one line, no
 * stack, and exits with that status; stdout that cannot be written; a floor that runs) stays with
 * `floor()` from floorCli.ts.
 *
 * Nothing may carry over from one run to the next, or to the test around it:
 * - runs are one at a time (a queue), so each one's output is its own;
 * - anything written straight to process.stdout/stderr or the console during the run (a logger, a
 *   warning) is captured as the CLI's output, where a spawned CLI's would land;
 * - a run that leaves a signal, exit or error handler installed, changes process.exitCode, or leaves
 *   a file it was pointed at open (a database) fails, as would calling process.exit (the worker dies).
 * Not for a command that runs a floor: its logger writes to fd 2 directly, past the capture.
 */
export function floorInProcess(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const run = queue.then(() => runOnce(args, env));
  queue = run.then(
    () => undefined,
    () => undefined,
  );
  return run;
}

let queue: Promise<void> = Promise.resolve();

const WATCHED_EVENTS = ["SIGINT", "SIGTERM", "SIGHUP", "exit", "beforeExit", "uncaughtException", "unhandledRejection"] as const;

async function runOnce(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    out: (line) => void (stdout += `${line}\n`),
    err: (line) => void (stderr += `${line}\n`),
    env: { ...process.env, ...env },
  };
  const listeners = WATCHED_EVENTS.map((e) => process.listenerCount(e));
  const exitCode = process.exitCode;
  const openBefore = openFiles();
  const restore = captureProcessOutput(
    (s) => void (stdout += s),
    (s) => void (stderr += s),
  );
  let code: number;
  try {
    code = await main(args, io);
  } finally {
    restore();
  }
  const leaks: string[] = [];
  WATCHED_EVENTS.forEach((e, i) => {
    if (process.listenerCount(e) !== listeners[i]) leaks.push(`process '${e}' listeners ${listeners[i]} -> ${process.listenerCount(e)}`);
  });
  if (process.exitCode !== exitCode) leaks.push(`process.exitCode ${String(exitCode)} -> ${String(process.exitCode)}`);
  const named = args.flatMap((a) => [a, a.replace(/^--[^=]+=/, "")]).filter((a) => isAbsolute(a) && a !== "/");
  for (const [fd, target] of openFiles()) {
    if (openBefore.get(fd) !== target && named.some((a) => target === a || target.startsWith(`${a}-`) || target.startsWith(`${a}.`) || target.startsWith(`${a}/`))) leaks.push(`fd ${fd} still open on ${target}`);
  }
  if (leaks.length) throw new Error(`floor ${JSON.stringify(args)} (in process) left state behind: ${leaks.join("; ")}`);
  return { code, signal: null, stdout, stderr };
}

/** This process's open regular files, by descriptor (Linux). */
function openFiles(): Map<string, string> {
  const files = new Map<string, string>();
  let fds: string[];
  try {
    fds = readdirSync("/proc/self/fd");
  } catch {
    return files;
  }
  for (const fd of fds) {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      if (target.startsWith("/")) files.set(fd, target);
    } catch {
      // closed meanwhile (the readdir's own descriptor)
    }
  }
  return files;
}

/** Route process.stdout/stderr writes and console output to `out`/`err` until the returned restore is called. */
function captureProcessOutput(out: (s: string) => void, err: (s: string) => void): () => void {
  const stdoutWrite = process.stdout.write;
  const stderrWrite = process.stderr.write;
  const consoleMethods = ["log", "info", "debug", "warn", "error", "trace"] as const;
  const saved = consoleMethods.map((m) => console[m]);
  const writer = (sink: (s: string) => void) =>
    function (chunk: unknown, encoding?: unknown, cb?: unknown): boolean {
      sink(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString());
      const done = typeof encoding === "function" ? encoding : cb;
      if (typeof done === "function") queueMicrotask(() => (done as () => void)());
      return true;
    };
  process.stdout.write = writer(out) as typeof process.stdout.write;
  process.stderr.write = writer(err) as typeof process.stderr.write;
  const format = (xs: unknown[]) => `${xs.map((x) => (typeof x === "string" ? x : x instanceof Error ? (x.stack ?? x.message) : JSON.stringify(x))).join(" ")}\n`;
  for (const m of consoleMethods) console[m] = (...xs: unknown[]) => (m === "log" || m === "info" || m === "debug" ? out : err)(format(xs));
  return () => {
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
    consoleMethods.forEach((m, i) => (console[m] = saved[i]!));
  };
}
