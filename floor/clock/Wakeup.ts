/** How a wait ended: news came and its condition held, the timer ran out, or the signal aborted. */
export type WakeEnd = "woken" | "timeout" | "aborted";

/**
 * One waiter at a time waits for news (a subscription calls `wake()`), a timer, or an abort
 * signal, whichever comes first. The waits of a split floor's clock and boot order share it
 * (StepLeader, StepFollower, BootTurn), so each ends by clearing its timer and its listener.
 */
export class Wakeup {
  private woken: (() => void) | undefined;

  /** News came: the wait ends if its `until` holds (or it has none). Nothing when no one waits. */
  wake(): void {
    this.woken?.();
  }

  /**
   * Until `wake()` finds `until()` true, `ms` runs out (never when absent), or `signal` aborts. A
   * plain promise, not an async function's: the caller's wait takes the ticks it took when inline.
   */
  wait(o: { until?: () => boolean; ms?: number; signal?: AbortSignal } = {}): Promise<WakeEnd> {
    return new Promise((resolve) => {
      const finish = (end: WakeEnd) => {
        clearTimeout(timer);
        o.signal?.removeEventListener("abort", aborted);
        this.woken = undefined;
        resolve(end);
      };
      const aborted = () => finish("aborted");
      const timer = o.ms === undefined ? undefined : setTimeout(() => finish("timeout"), o.ms);
      this.woken = () => {
        if (!o.until || o.until()) finish("woken");
      };
      o.signal?.addEventListener("abort", aborted, { once: true });
    });
  }
}
