import type { Block } from "./Block.ts";
import { digestBlocks } from "./digestBlocks.ts";
import type { DigestDay } from "./DigestDay.ts";
import type { Narrative } from "./Narrative.ts";

/** Text that cannot open an HTML tag in a Markdown viewer, nor break out of a table cell. */
const text = (s: string): string => s.replace(/</g, "&lt;").replace(/\s*\n\s*/g, " ");
const cell = (s: string): string => text(s).replace(/\|/g, "\\|");

/** The digest as Markdown (`reports/digests/YYYY-MM-DD.md`); the charts are in the HTML file of the same day. */
export function renderMarkdown(d: DigestDay, narrative?: Narrative): string {
  return `${digestBlocks(d, narrative).map((b) => md(b, d.date)).join("\n\n")}\n`;
}

function md(b: Block, date: string): string {
  switch (b.type) {
    case "heading":
      return `${"#".repeat(b.level)} ${text(b.text)}`;
    case "para":
      return text(b.text);
    case "list":
      return b.items.map((i) => `- ${text(i)}`).join("\n");
    case "table":
      return [`| ${b.head.map(cell).join(" | ")} |`, `| ${b.head.map((_, i) => (b.numeric?.[i] ? "---:" : "---")).join(" | ")} |`, ...b.rows.map((r) => `| ${r.map(cell).join(" | ")} |`)].join("\n");
    case "chart":
      return `_Chart: ${text(b.title)}, in ${date}.html._`;
    case "fold":
      return [`**${text(b.summary)}**`, ...b.blocks.map((x) => md(x, date))].join("\n\n");
    case "aside":
      return [`## ${text(b.title)}`, ...b.blocks.map((x) => md(x, date).replace(/^/gm, "> "))].join("\n\n");
  }
}
