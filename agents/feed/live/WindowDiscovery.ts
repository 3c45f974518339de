import type { FetchJsonOptions } from "../../../floor/adapters/polymarket/index.ts";
import { discoverWindow, GammaError, type GammaWindow } from "./gamma.ts";
import type { LiveWindows } from "./LiveWindows.ts";
import { currentAndNext } from "./windowSlug.ts";

export interface WindowDiscoveryOptions {
  gammaUrl: string;
  asset: string;
  minutes: number;
  /** Retry a window Gamma did not have this often. */
  rediscoverMs: number;
  /** Ask Gamma about a closed window's outcome this often. */
  resolvePollMs: number;
  fetch: FetchJsonOptions;
  onFound(w: GammaWindow): void;
  onError(err: GammaError): void;
  /** A poll found the window resolved. */
  onOutcome(w: GammaWindow): void;
}

/**
 * Gamma for the live feed: discovers the current and next window at each boundary (and again
 * while one is missing), and polls closed windows for their outcome. One discovery at a time.
 */
export class WindowDiscovery {
  private discoveredFor = -1;
  private lastRun = -Infinity;
  private running = false;
  private readonly polled = new Map<string, number>();

  constructor(private readonly windows: LiveWindows, private readonly o: WindowDiscoveryOptions) {}

  /** Start a discovery when `now` is in a new window, or a window is missing and it is time to retry. */
  tick(now: number): Promise<void> | undefined {
    const starts = currentAndNext(this.o.minutes, now);
    const missing = starts.some((s) => !this.known(s));
    if (this.running || (starts[0] === this.discoveredFor && !(missing && now - this.lastRun >= this.o.rediscoverMs))) return undefined;
    this.discoveredFor = starts[0];
    return this.run(now, starts);
  }

  /** Ask Gamma whether a closed window resolved, at most every `resolvePollMs`. */
  poll(slug: string, startTs: number, now: number): void {
    if (now - (this.polled.get(slug) ?? -Infinity) < this.o.resolvePollMs) return;
    this.polled.set(slug, now);
    discoverWindow(this.o.gammaUrl, this.o.asset, this.o.minutes, startTs, this.o.fetch).then(
      (w) => (w.outcome ? this.o.onOutcome(w) : undefined),
      (err: unknown) => (this.o.fetch.signal?.aborted ? undefined : this.o.onError(asGammaError(err, slug))),
    );
  }

  private known(start: number): boolean {
    return this.windows.all().some((lw) => lw.w.startTs === start);
  }

  private async run(now: number, starts: number[]): Promise<void> {
    this.running = true;
    this.lastRun = now;
    try {
      for (const start of starts) {
        if (this.known(start)) continue;
        try {
          this.o.onFound(await discoverWindow(this.o.gammaUrl, this.o.asset, this.o.minutes, start, this.o.fetch));
        } catch (err) {
          if (this.o.fetch.signal?.aborted) return;
          this.o.onError(asGammaError(err, String(start)));
        }
      }
    } finally {
      this.running = false;
    }
  }
}

function asGammaError(err: unknown, slug: string): GammaError {
  return err instanceof GammaError ? err : new GammaError(slug, undefined, String(err));
}
