/** Orders the exchange answered and how many of those were errors, in one slice of the window: [start ms, answered, errors]. */
export type ErrorBucket = [start: number, answered: number, errors: number];

/** The window is kept in this many slices: it slides a slice at a time. */
const SLICES = 10;

const widthOf = (windowMs: number) => Math.max(1, Math.floor(windowMs / SLICES));

/** Drop the slices wholly older than the window; the same array when none is. */
export function age(w: ErrorBucket[], now: number, windowMs: number): ErrorBucket[] {
  const width = widthOf(windowMs);
  const keep = w.filter(([start]) => start + width > now - windowMs);
  return keep.length === w.length ? w : keep;
}

/** One more answer at `now`, an error or not. */
export function record(w: ErrorBucket[], now: number, windowMs: number, error: boolean): ErrorBucket[] {
  const width = widthOf(windowMs);
  const start = Math.floor(now / width) * width;
  const kept = age(w, now, windowMs);
  const last = kept.at(-1);
  if (last && last[0] === start) return [...kept.slice(0, -1), [start, last[1] + 1, last[2] + (error ? 1 : 0)]];
  return [...kept, [start, 1, error ? 1 : 0]];
}

/** Answers and errors in the window. */
export function totals(w: readonly ErrorBucket[]): { answered: number; errors: number } {
  let answered = 0;
  let errors = 0;
  for (const [, a, e] of w) {
    answered += a;
    errors += e;
  }
  return { answered, errors };
}
