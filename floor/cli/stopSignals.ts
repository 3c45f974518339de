import type { Io } from "./Io.ts";

/**
 * SIGINT/SIGTERM, or stdout closing, abort the returned signal (the floor then stops cleanly); a
 * second signal exits at once. `dispose` removes the handlers.
 */
export function stopSignals(io: Io, what: string): { signal: AbortSignal; dispose(): void } {
  const stop = new AbortController();
  const on = (sig: string) => () => {
    if (stop.signal.aborted) {
      io.err(`second ${sig}: exiting without a clean stop`);
      process.exit(130);
    }
    io.err(`${sig}: stopping ${what}...`);
    stop.abort();
  };
  const sigint = on("SIGINT");
  const sigterm = on("SIGTERM");
  process.on("SIGINT", sigint);
  process.on("SIGTERM", sigterm);
  // Nobody reads the output any more: stop cleanly (main says why, once).
  const closed = () => stop.abort();
  io.closed?.addEventListener("abort", closed, { once: true });
  return {
    signal: stop.signal,
    dispose() {
      process.off("SIGINT", sigint);
      process.off("SIGTERM", sigterm);
      io.closed?.removeEventListener("abort", closed);
    },
  };
}
