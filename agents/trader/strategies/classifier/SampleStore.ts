import type { WindowSamples } from "./WindowSamples.ts";

/** The most samples kept of one window (later ones are dropped): a window's samples share one outcome. */
export const MAX_SAMPLES_PER_WINDOW = 64;

/** Features are stored to 1e-6 (absolute): plenty for a model of standardised features, and a checkpoint half the size. */
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * The classifier's memory: the windows it followed, oldest first, each with the feature vectors it
 * snapshotted and, once the window resolves, its label. Bounded: `prune` keeps the newest windows.
 */
export class SampleStore {
  private windows: WindowSamples[] = [];

  /** Start (or continue) a window's record. */
  open(m: { marketId: string; startTs: number; endTs: number }): void {
    if (!this.find(m.marketId)) this.windows.push({ marketId: m.marketId, startTs: m.startTs, endTs: m.endTs, xs: [] });
  }

  /** A sample of the window (a copy of `x`, rounded); false when the window is unknown, resolved or full. */
  add(marketId: string, x: ArrayLike<number>): boolean {
    const w = this.find(marketId);
    if (!w || w.label !== undefined || w.xs.length >= MAX_SAMPLES_PER_WINDOW) return false;
    w.xs.push(Array.from(x, round6));
    return true;
  }

  /** The window resolved (the first resolution stands); false when it is not one it followed. */
  label(marketId: string, up: boolean): boolean {
    const w = this.find(marketId);
    if (!w || w.label !== undefined) return false;
    w.label = up ? 1 : 0;
    return true;
  }

  /** Keep the newest `keep` windows. */
  prune(keep: number): void {
    if (this.windows.length > keep) this.windows.splice(0, this.windows.length - keep);
  }

  all(): readonly WindowSamples[] {
    return this.windows;
  }

  counts(): { windows: number; labelled: number; samples: number } {
    let labelled = 0;
    let samples = 0;
    for (const w of this.windows) {
      if (w.label !== undefined) labelled++;
      samples += w.xs.length;
    }
    return { windows: this.windows.length, labelled, samples };
  }

  private find(marketId: string): WindowSamples | undefined {
    for (let i = this.windows.length - 1; i >= 0; i--) if (this.windows[i]!.marketId === marketId) return this.windows[i];
    return undefined;
  }

  save(): WindowSamples[] {
    return this.windows.map(copy);
  }

  restore(st: WindowSamples[]): void {
    this.windows = st.map(copy);
  }
}

function copy(w: WindowSamples): WindowSamples {
  return { ...w, xs: w.xs.map((x) => [...x]) };
}
