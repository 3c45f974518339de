import type { StopBudget } from "../runner/index.ts";
import type { Io } from "./Io.ts";

/**
 * SIGINT/SIGTERM, or stdout closing, abort the returned signal (the floor then stops cleanly) and
 * begin `budget`'s clock; a second signal exits at once (130). A watchdog exits 1 when the clean
 * stop has not finished by the budget's deadline, naming the stages still under way (a stop that
 * could not finish must not look clean). `dispose` removes the handlers and the watchdog.
 */
export function stopSignals(io: Io, what: string, budget?: StopBudget): { signal: AbortSignal; dispose(): void } {
  const stop = new AbortController();
  let watchdog: NodeJS.Timeout | undefined;
  const begin = () => {
    stop.abort();
    if (!budget || watchdog) return;
    budget.begin();
    watchdog = setTimeout(() => {
      const pending = budget.pending();
      io.err(`the stop did not finish within ${budget.deadlineMs / 1000} s (STOP_DEADLINE_MS); still pending: ${pending.length > 0 ? pending.join("; ") : "nothing the floor names (closing its connections)"}; exiting 1`);
      process.exit(1);
    }, budget.deadlineMs);
  };
  const on = (sig: string) => () => {
    if (stop.signal.aborted) {
      io.err(`second ${sig}: exiting without a clean stop`);
      process.exit(130);
    }
    io.err(`${sig}: stopping ${what}...`);
    begin();
  };
  const sigint = on("SIGINT");
  const sigterm = on("SIGTERM");
  process.on("SIGINT", sigint);
  process.on("SIGTERM", sigterm);
  // Nobody reads the output any more: stop cleanly (main says why, once).
  const closed = () => begin();
  io.closed?.addEventListener("abort", closed, { once: true });
  return {
    signal: stop.signal,
    dispose() {
      clearTimeout(watchdog);
      budget?.dispose();
      process.off("SIGINT", sigint);
      process.off("SIGTERM", sigterm);
      io.closed?.removeEventListener("abort", closed);
    },
  };
}
