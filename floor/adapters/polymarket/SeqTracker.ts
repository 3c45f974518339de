/**
 * Per-channel sequence of the live-data socket. `seq` is dense per connection and per channel
 * (snapshots consume one) and starts over on every reconnect, so numbers are compared only within
 * one connection and one channel; `dropped` is the server's own count of frames it dropped on the
 * channel because we fell behind. Either is a gap the feed must report, not swallow.
 */
export class SeqTracker {
  private readonly last = new Map<string, number>();

  /** A new connection: its numbers start over. */
  reset(): void {
    this.last.clear();
  }

  /** Note a frame; a description of the gap before it, if there was one. */
  check(channel: string, seq: number, dropped: number): string | undefined {
    const prev = this.last.get(channel);
    this.last.set(channel, prev === undefined ? seq : Math.max(prev, seq));
    const why: string[] = [];
    if (dropped > 0) why.push(`the server dropped ${dropped} frame${dropped === 1 ? "" : "s"} (slow consumer)`);
    if (prev !== undefined && seq > prev + 1) why.push(`seq ${seq} after ${prev}: ${seq - prev - 1} missing`);
    if (prev !== undefined && seq <= prev) why.push(`seq ${seq} not after ${prev}`);
    return why.length > 0 ? `${channel}: ${why.join("; ")}` : undefined;
  }
}
