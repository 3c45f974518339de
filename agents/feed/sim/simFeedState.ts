import { restoreRng, type Rng, type RngState } from "../../../floor/random/createRng.ts";
import type { FeedMarket } from "../feedMachine.ts";
import type { SpotState } from "../simSpot.ts";
import { MakerBook, type MakerQuotes } from "./makerBook.ts";

/** What of a spot walk moves: its state, its recent prices (the makers' lags) and its random stream. */
interface WalkParts {
  symbol: string;
  state: SpotState | undefined;
  history: number[];
  rng: Rng;
}

/** What of a series moves: its live window, the makers' quotes on it and its two random streams. */
interface SeriesParts {
  key: string;
  market: FeedMarket | null;
  book: MakerBook | null;
  bookRng: Rng;
  flowRng: Rng;
}

/** The feed's own step bookkeeping. */
export interface SimFeedRun {
  started: boolean;
  lastTs: number | undefined;
  lastCheckpoint: number;
}

/** The sim feed between two steps, for an exact resume: every walk and series, and where its streams stand. */
export interface SimFeedState {
  run: SimFeedRun;
  walks: Record<string, { state: SpotState | undefined; history: number[]; rng: RngState }>;
  series: Record<string, { market: FeedMarket | null; book: MakerQuotes[] | null; bookRng: RngState; flowRng: RngState }>;
}

export function saveSimFeed(walks: Iterable<WalkParts>, series: readonly SeriesParts[], run: SimFeedRun): SimFeedState {
  const out: SimFeedState = { run: { ...run }, walks: {}, series: {} };
  for (const w of walks) out.walks[w.symbol] = { state: w.state && { ...w.state }, history: [...w.history], rng: w.rng.save() };
  for (const s of series) out.series[s.key] = { market: s.market && { ...s.market }, book: s.book?.save() ?? null, bookRng: s.bookRng.save(), flowRng: s.flowRng.save() };
  return out;
}

/**
 * Put the feed back as `saveSimFeed` found it; `newBook` makes an empty book to load quotes into.
 * Nothing is published: the markets were announced when they opened, and every agent kept them.
 */
export function restoreSimFeed(st: SimFeedState, walks: Iterable<WalkParts>, series: readonly SeriesParts[], run: SimFeedRun, newBook: () => MakerBook): void {
  Object.assign(run, st.run);
  for (const w of walks) {
    const saved = st.walks[w.symbol];
    if (!saved) continue;
    w.state = saved.state;
    w.history = [...saved.history];
    w.rng = restoreRng(saved.rng);
  }
  for (const s of series) {
    const saved = st.series[s.key];
    if (!saved) continue;
    s.market = saved.market;
    s.bookRng = restoreRng(saved.bookRng);
    s.flowRng = restoreRng(saved.flowRng);
    s.book = saved.book ? newBook() : null;
    if (saved.book) s.book!.load(saved.book);
  }
}
