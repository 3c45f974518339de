/** One invariant checked after a chaos run: whether it holds, in one line, and each thing that breaks it. */
export interface InvariantResult {
  name: InvariantName;
  ok: boolean;
  /** What was checked and found, in one line. */
  summary: string;
  /** One line per violation, naming what broke it; empty when it holds. */
  problems: string[];
}

export const INVARIANTS = ["ledger balances", "client order ids once", "fills in ledger once", "markets settled once", "audit chain verifies", "replicas agree"] as const;
export type InvariantName = (typeof INVARIANTS)[number];

/** At most this many problems are listed per invariant (the count says how many there were). */
const MAX_LISTED = 50;

export function invariant(name: InvariantName, summary: string, problems: string[]): InvariantResult {
  const listed = problems.length > MAX_LISTED ? [...problems.slice(0, MAX_LISTED), `… and ${problems.length - MAX_LISTED} more`] : problems;
  return { name, ok: problems.length === 0, summary, problems: listed };
}

/** Values seen more than once, with their counts. */
export function repeated<T>(values: Iterable<T>): Array<[T, number]> {
  const n = new Map<T, number>();
  for (const v of values) n.set(v, (n.get(v) ?? 0) + 1);
  return [...n].filter(([, c]) => c > 1);
}
