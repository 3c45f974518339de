import type { BeliefView } from "./core/index.ts";

interface CadenceState {
  /** The window and minute (of that window) of the last belief said. */
  said?: { marketId: string; minute: number };
  booked?: string;
  following?: { marketId: string; startTs: number };
}

/**
 * When a trader states its belief: once in each minute of the window it follows, with the
 * minute's first book (so the monitor pairs it with the price of that moment), or with spot for
 * a window that has no book at all (a replay without recorded prices: scored against the
 * outcome only). Due-ness is decided before the belief is computed: it runs on every tick, so it
 * compares numbers and ids and allocates nothing.
 */
export function beliefCadence() {
  let st: CadenceState = {};
  const minute = (startTs: number, now: number) => Math.floor((now - startTs) / 60_000);
  return {
    follow(marketId: string | undefined, startTs: number): void {
      st.following = marketId === undefined ? undefined : { marketId, startTs };
    },
    /** Whether `marketId` is the window followed. */
    follows(marketId: string): boolean {
      return st.following?.marketId === marketId;
    },
    /** A book came for `marketId`: while the window has books, beliefs go out with them. */
    booked(marketId: string): void {
      st.booked = marketId;
    },
    /** On a book of `marketId`, or on spot (`undefined`): is a belief due? */
    due(marketId: string | undefined, now: number): boolean {
      const f = st.following;
      if (!f) return false;
      if (marketId !== undefined ? f.marketId !== marketId : f.marketId === st.booked) return false;
      const s = st.said;
      return s === undefined || s.marketId !== f.marketId || s.minute !== minute(f.startTs, now);
    },
    /** Record a belief as said; false when it is not about the window followed. */
    said(b: BeliefView, now: number): boolean {
      if (!st.following || b.marketId !== st.following.marketId) return false;
      st.said = { marketId: b.marketId, minute: minute(st.following.startTs, now) };
      return true;
    },
    save: (): CadenceState => ({ ...st }),
    restore(s: unknown): void {
      const r = { ...(s as Omit<CadenceState, "said"> & { said?: CadenceState["said"] | string }) };
      // A checkpoint from before this shape said `marketId:minute`: read it, so no minute is said twice.
      const said = typeof r.said === "string" ? { marketId: r.said.slice(0, r.said.lastIndexOf(":")), minute: Number(r.said.slice(r.said.lastIndexOf(":") + 1)) } : r.said;
      st = { ...r, ...(said ? { said } : {}) } as CadenceState;
    },
  };
}
