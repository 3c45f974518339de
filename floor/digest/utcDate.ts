const DAY_MS = 86_400_000;

/** One UTC day of floor time: its name and its bounds, [from, to) in floor ms. */
export interface UtcDay {
  date: string;
  from: number;
  to: number;
}

/** The UTC day holding floor time `ms`. */
export function dayOf(ms: number): UtcDay {
  const from = Math.floor(ms / DAY_MS) * DAY_MS;
  return { date: new Date(from).toISOString().slice(0, 10), from, to: from + DAY_MS };
}

/** The day named `YYYY-MM-DD`; a RangeError for anything else (2026-02-30 included). */
export function parseDay(date: string): UtcDay {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const from = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  // Date.UTC rolls 2026-02-30 over to March: a date that does not name itself back is no date.
  if (!Number.isFinite(from) || dayOf(from).date !== date) throw new RangeError(`not a date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return dayOf(from);
}

/** The day before `day`. */
export const dayBefore = (day: UtcDay): UtcDay => dayOf(day.from - 1);

/** `HH:MM:SS` of floor time `ms` (UTC). */
export const clockTime = (ms: number): string => new Date(ms).toISOString().slice(11, 19);
