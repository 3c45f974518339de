/**
 * The digest as a document, before it is Markdown or HTML: both renderers print the same blocks,
 * so the two files say the same thing in the same order. Text is plain (renderers escape it).
 */
export type Block =
  | { type: "heading"; level: 1 | 2 | 3; text: string }
  | { type: "para"; text: string }
  | { type: "list"; items: string[] }
  | { type: "table"; head: string[]; rows: string[][]; numeric?: boolean[] }
  /** A chart drawn in the HTML file; the Markdown file says where to find it. */
  | { type: "chart"; chart: "equity" | "drawdown"; title: string }
  /** A long part the HTML file folds away (open on a click, no script). */
  | { type: "fold"; summary: string; blocks: Block[] }
  /** A part not from the ledger (the narrative), set apart in both files. */
  | { type: "aside"; title: string; blocks: Block[] };

/** A table, or `none` when it has no rows: an empty table says less than a sentence. */
export function tableOr(head: string[], rows: string[][], none: string, numeric?: boolean[]): Block {
  return rows.length ? { type: "table", head, rows, ...(numeric ? { numeric } : {}) } : { type: "para", text: none };
}
