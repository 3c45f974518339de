/**
 * One command's part of the CLI's usage text: its lines from `usage` (a line starting with two
 * spaces and the command's name, and the more-indented lines after it), as `usage: floor ...`.
 * Derived from the one text, so a flag added there shows in `floor <command> --help` too.
 */
export function commandUsage(usage: string, name: string): string | undefined {
  const lines = usage.split("\n");
  const start = lines.findIndex((l) => l.startsWith(`  ${name} `) || l === `  ${name}`);
  if (start < 0) return undefined;
  let end = start + 1;
  while (end < lines.length && /^ {4,}/.test(lines[end]!)) end++;
  return ["usage: floor " + lines[start]!.slice(2), ...lines.slice(start + 1, end).map((l) => l.slice(2))].join("\n");
}
