import type { SupervisionConfig } from "../../protocols/index.ts";

/** What the policy needs of the floor's `supervision:` settings. */
export type RestartLimits = Pick<SupervisionConfig, "backoffMs" | "backoffMaxMs" | "resetAfterMs" | "intensity" | "periodMs">;

/** One agent's restart history: the restarts still in the window, and the crashes in a row behind the current wait. */
export interface RestartRecord {
  readonly times: readonly number[];
  readonly attempt: number;
  readonly lastRestartAt: number;
}

/** A crash's outcome: restart at `at` (the `attempt`th crash in a row), or escalate (the agent is failed). */
export type RestartVerdict =
  | { readonly restart: true; readonly at: number; readonly delayMs: number; readonly attempt: number; readonly inWindow: number }
  | { readonly restart: false; readonly attempt: number; readonly inWindow: number };

export const NO_RESTARTS: RestartRecord = { times: [], attempt: 0, lastRestartAt: -Infinity };

/** The wait before the `attempt`th restart in a row: `backoffMs` doubled each time, capped (Akka's restartWithBackoff, no jitter). */
export function backoffDelay(l: RestartLimits, attempt: number): number {
  return Math.min(l.backoffMaxMs, l.backoffMs * 2 ** Math.min(attempt - 1, 30));
}

/**
 * A crash at `now`: the restart would come after the backoff; OTP's intensity counts restarts in the
 * `periodMs` before that moment, and one beyond `intensity` escalates instead. An agent that ran
 * `resetAfterMs` since its last restart starts its backoff afresh.
 */
export function judgeCrash(l: RestartLimits, rec: RestartRecord, now: number): { verdict: RestartVerdict; record: RestartRecord } {
  const stable = rec.attempt === 0 || now - rec.lastRestartAt >= l.resetAfterMs;
  const attempt = stable ? 1 : rec.attempt + 1;
  const delayMs = backoffDelay(l, attempt);
  const at = now + delayMs;
  const times = rec.times.filter((t) => at - t < l.periodMs);
  if (times.length >= l.intensity) return { verdict: { restart: false, attempt, inWindow: times.length }, record: { ...rec, times, attempt } };
  return { verdict: { restart: true, at, delayMs, attempt, inWindow: times.length + 1 }, record: { times: [...times, at], attempt, lastRestartAt: at } };
}

/** One host's restart record, judged crash by crash (`judgeCrash`), saved with a sim checkpoint. */
export class RestartPolicy {
  private rec: RestartRecord = NO_RESTARTS;

  constructor(private readonly limits: RestartLimits) {}

  crash(now: number): RestartVerdict {
    const { verdict, record } = judgeCrash(this.limits, this.rec, now);
    this.rec = record;
    return verdict;
  }

  save(): RestartRecord {
    return this.rec;
  }

  load(rec: RestartRecord): void {
    this.rec = rec;
  }
}
