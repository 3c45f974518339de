import type { Outcome } from "../../../protocols/index.ts";
import type { GammaWindow } from "./parseGammaEvent.ts";

export type WindowPhase = "listed" | "open" | "closed" | "resolved" | "missed";

export interface LiveWindow {
  w: GammaWindow;
  phase: WindowPhase;
  strikeUsd?: number;
  endPriceUsd?: number;
  outcome?: Outcome;
}

/** What to do about one window now. */
export type WindowAction =
  | { kind: "open"; lw: LiveWindow }
  | { kind: "close"; lw: LiveWindow }
  | { kind: "poll"; lw: LiveWindow }
  | { kind: "derive"; lw: LiveWindow };

export interface SpotLookup {
  /** Spot (USD) in effect at `ts`, once the feed has reached `ts`; undefined before. */
  priceAt(ts: number): number | undefined;
  /** The latest spot, when the feed is behind. */
  latest(): number | undefined;
}

export interface LiveWindowsOptions {
  /** After the end, how long to wait for spot at the end before closing on the latest spot. */
  closeGraceMs: number;
  /** After the end, how long to wait for a told outcome before deriving it (end ≥ strike is Up). */
  resolveGiveUpMs: number;
  /** How long resolved or missed windows are kept (to recognise late messages). */
  keepMs: number;
}

/**
 * The windows the live feed knows and where each is in its life: listed (discovered) → open
 * (strike known) → closed (end price known) → resolved; `missed` when the floor came too late to
 * learn its strike. Pure: the agent asks `actions(now)` and reports back what it did.
 */
export class LiveWindows {
  private readonly bySlug = new Map<string, LiveWindow>();

  constructor(private readonly opts: LiveWindowsOptions) {}

  /** Add or refresh a discovered window (its phase is kept). */
  upsert(w: GammaWindow): LiveWindow {
    const lw = this.bySlug.get(w.slug);
    if (lw) {
      lw.w = w;
      return lw;
    }
    const fresh: LiveWindow = { w, phase: "listed" };
    this.bySlug.set(w.slug, fresh);
    return fresh;
  }

  get(slug: string): LiveWindow | undefined {
    return this.bySlug.get(slug);
  }

  all(): LiveWindow[] {
    return [...this.bySlug.values()];
  }

  byToken(tokenId: string): LiveWindow | undefined {
    return this.all().find((lw) => lw.w.upTokenId === tokenId || lw.w.downTokenId === tokenId);
  }

  byCondition(conditionId: string): LiveWindow | undefined {
    return this.all().find((lw) => lw.w.conditionId === conditionId);
  }

  /** Tokens worth following: windows listed or open. */
  tokens(): string[] {
    return this.all().filter((lw) => lw.phase === "listed" || lw.phase === "open").flatMap((lw) => [lw.w.upTokenId, lw.w.downTokenId]);
  }

  /**
   * What is due at `now`, given the price each window settles on (the spot, or per window: the
   * TWAP for TWAP-settled ones). Marks windows missed and forgets old ones.
   */
  actions(now: number, ref: SpotLookup | ((lw: LiveWindow) => SpotLookup)): WindowAction[] {
    const out: WindowAction[] = [];
    for (const lw of this.all()) {
      const { startTs, endTs } = lw.w;
      const spot = typeof ref === "function" ? ref(lw) : ref;
      if (lw.phase === "listed" && now >= startTs) {
        if (now >= endTs) lw.phase = "missed";
        else if (lw.w.priceToBeat !== undefined || spot.priceAt(startTs) !== undefined) out.push({ kind: "open", lw });
      }
      if (lw.phase === "open" && now >= endTs && (spot.priceAt(endTs) !== undefined || (now >= endTs + this.opts.closeGraceMs && spot.latest() !== undefined))) out.push({ kind: "close", lw });
      if (lw.phase === "closed") out.push({ kind: now >= endTs + this.opts.resolveGiveUpMs ? "derive" : "poll", lw });
      if ((lw.phase === "resolved" || lw.phase === "missed") && now >= endTs + this.opts.keepMs) this.bySlug.delete(lw.w.slug);
    }
    return out;
  }
}
