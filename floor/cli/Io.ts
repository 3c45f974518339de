/** Where a command writes and what it reads of its environment (tests pass their own). */
export interface Io {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
  /** Aborted when stdout can take no more (a closed pipe, a full disk): a running floor stops. */
  closed?: AbortSignal;
  /** Wait until what was written to stdout is out; the reason it failed, if it did. */
  flush?(): Promise<string | undefined>;
}

const STDOUT_FAILURES: Record<string, string> = { EPIPE: "stdout was closed (EPIPE)", ENOSPC: "stdout: no space left on the device (ENOSPC)" };
const stdoutClosed = new AbortController();
let stdoutFailure: string | undefined;

/** `floor status | head -0`: the write fails later, as an 'error' event that would otherwise crash with a stack. */
function watchStdout(): void {
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    stdoutFailure ??= STDOUT_FAILURES[e.code ?? ""] ?? `stdout: ${e.code ?? e.message}`;
    stdoutClosed.abort();
  });
}

export const processIo: Io = {
  out: (line) => {
    if (!stdoutClosed.signal.aborted) process.stdout.write(`${line}\n`);
  },
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  closed: stdoutClosed.signal,
  flush: () => new Promise((resolve) => process.stdout.write("", () => setImmediate(() => resolve(stdoutFailure)))),
};
watchStdout();
