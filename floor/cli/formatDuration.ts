/** Milliseconds as parseDuration reads them, largest units first: 4_800_000 is "1h20m", 0 is "0s". */
export function formatDuration(ms: number): string {
  const units: Array<[string, number]> = [["d", 86_400_000], ["h", 3_600_000], ["m", 60_000], ["s", 1000]];
  let left = Math.round(ms / 1000) * 1000;
  const parts: string[] = [];
  for (const [u, n] of units) {
    const k = Math.floor(left / n);
    if (k > 0) parts.push(`${k}${u}`);
    left -= k * n;
  }
  return parts.join("") || "0s";
}
