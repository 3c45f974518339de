/**
 * The floor's recent events, numbered: each kept as the JSON line it is served as, the oldest
 * dropped once `capacity` are held. Sequence numbers start at 1 and never repeat in a process.
 */
export class EventRing {
  private readonly lines: string[] = [];
  private first = 1;

  constructor(readonly capacity = 10_000) {}

  /** The last sequence number given (0: none yet). */
  get last(): number {
    return this.first + this.lines.length - 1;
  }

  /** The oldest sequence number still held. */
  get oldest(): number {
    return this.first;
  }

  /** Keep one event; `line` makes its JSON from its number. Returns the number and the line. */
  push(line: (seq: number) => string): { seq: number; line: string } {
    const seq = this.last + 1;
    const text = line(seq);
    this.lines.push(text);
    if (this.lines.length > this.capacity) {
      // Dropped in chunks: a shift per event would copy the whole ring each time.
      const drop = Math.max(1, Math.floor(this.capacity / 10));
      this.lines.splice(0, drop);
      this.first += drop;
    }
    return { seq, line: text };
  }

  /** Events numbered after `seq`, at most `limit`, oldest first, with their numbers. */
  since(seq: number, limit = Infinity): Array<{ seq: number; line: string }> {
    const from = Math.max(seq + 1, this.first);
    const out: Array<{ seq: number; line: string }> = [];
    for (let s = from; s <= this.last && out.length < limit; s++) out.push({ seq: s, line: this.lines[s - this.first]! });
    return out;
  }
}
