import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { DigestDay } from "./DigestDay.ts";
import type { Narrative } from "./Narrative.ts";
import { renderHtml } from "./renderHtml.ts";
import { renderMarkdown } from "./renderMarkdown.ts";

/** Where a day's digest files go in `dir`. */
export const digestPaths = (dir: string, date: string): { markdown: string; html: string } => ({ markdown: resolve(join(dir, `${date}.md`)), html: resolve(join(dir, `${date}.html`)) });

/** Write a day's Markdown and HTML into `dir` (made if absent); each file appears whole or not at all. */
export function writeDigest(dir: string, d: DigestDay, narrative?: Narrative): { markdown: string; html: string } {
  mkdirSync(dir, { recursive: true });
  const paths = digestPaths(dir, d.date);
  whole(paths.markdown, renderMarkdown(d, narrative));
  whole(paths.html, renderHtml(d, narrative));
  return paths;
}

/** Write to a temporary file beside `path`, then rename over it: a reader never sees half a digest. */
function whole(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}
