/**
 * A causal mark: how far each role's state journal stood for the sender of a message, as
 * `role=seq` pairs (`boss=55,exchange=120`, sorted, zeros left out). A split floor's role stamps
 * every message with its own journal's head and what it has applied of the others'
 * (publishAfterJournal); a receiver handles the message once its own file has as much (causalBus).
 */
export type Marks = ReadonlyMap<string, number>;

const PAIR = /^([a-z][a-z0-9-]*)=([1-9][0-9]*)$/;

/** The mark of `marks`: empty when every position is 0. */
export function formatMarks(marks: Iterable<readonly [string, number]>): string {
  const parts: string[] = [];
  for (const [role, seq] of marks) if (seq > 0) parts.push(`${role}=${seq}`);
  return parts.sort().join(",");
}

/** The positions a mark names; a pair that is not `role=positive integer` is counted in `invalid` and left out. */
export function parseMarks(mark: string): { marks: Map<string, number>; invalid: number } {
  const marks = new Map<string, number>();
  let invalid = 0;
  for (const part of mark.split(",")) {
    if (part === "") continue;
    const m = PAIR.exec(part);
    const seq = m ? Number(m[2]) : NaN;
    if (!m || !Number.isSafeInteger(seq)) invalid++;
    else marks.set(m[1]!, Math.max(seq, marks.get(m[1]!) ?? 0));
  }
  return { marks, invalid };
}
