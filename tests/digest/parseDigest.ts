/** Numbers read back out of a Markdown digest: what a person (or a script) reading the file would get. */

/** "$1,234.56" / "-$0.01" to cents. */
export function cents(text: string): number {
  const m = /^(-)?\$([\d,]+)\.(\d\d)$/.exec(text.trim());
  if (!m) throw new Error(`not money: ${JSON.stringify(text)}`);
  const c = Number(m[2]!.replace(/,/g, "")) * 100 + Number(m[3]);
  return m[1] ? -c : c;
}

/** Micro-USD rounded to cents the way a digest prints them (half away from zero). */
export const toCents = (micro: number): number => Math.sign(micro) * Math.floor((Math.abs(micro) + 5_000) / 10_000);

/** The value after `label: ` on a list line of the Markdown ("- Realised PnL: -$1.00"). */
export function listValue(md: string, label: string): string {
  const line = md.split("\n").find((l) => l.startsWith(`- ${label}: `));
  if (!line) throw new Error(`no list line "${label}"`);
  return line.slice(`- ${label}: `.length);
}

/** A Markdown table with header `first` column name `firstHead` and a given column: rows as records by header. */
export function tableAfter(md: string, head: string[]): Array<Record<string, string>> {
  const lines = md.split("\n");
  const at = lines.findIndex((l) => l === `| ${head.join(" | ")} |`);
  if (at < 0) throw new Error(`no table headed ${head.join(", ")}`);
  const rows: Array<Record<string, string>> = [];
  for (let i = at + 2; i < lines.length && lines[i]!.startsWith("| "); i++) {
    const cells = lines[i]!.slice(2, -2).split(" | ");
    rows.push(Object.fromEntries(head.map((h, j) => [h, cells[j] ?? ""])));
  }
  return rows;
}
