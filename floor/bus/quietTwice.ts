/**
 * Polls `busy` (what still holds messages; empty when nothing does) until it is empty twice
 * `quietMs` apart, or `timeoutMs` runs out, or `stopped()`. Returns what was busy last: empty only once quiet.
 */
export async function quietTwice(busy: () => Promise<string[]>, o: { timeoutMs: number; quietMs: number; stopped: () => boolean }): Promise<string[]> {
  const end = Date.now() + o.timeoutMs;
  let quiet = 0;
  let last: string[] = ["(not checked)"];
  while (Date.now() < end && !o.stopped()) {
    last = await busy();
    quiet = last.length === 0 ? quiet + 1 : 0;
    if (quiet >= 2) return [];
    await new Promise((r) => setTimeout(r, last.length === 0 ? o.quietMs : 50));
  }
  return last.length > 0 ? last : ["(stopped before quiet twice)"];
}
