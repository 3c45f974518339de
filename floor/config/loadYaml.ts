import { readFileSync } from "node:fs";
import { LineCounter, isNode, parseDocument } from "yaml";
import type { z } from "zod";
import { issuePath } from "../../protocols/index.ts";
import { ConfigError } from "./ConfigError.ts";
import { readableFile } from "./readableFile.ts";

/**
 * Read a YAML file and validate it with `schema`. Any failure (missing file, not a file, an empty
 * file, bad YAML, a wrong field) throws one ConfigError naming the file, the line and the field.
 */
export function loadYaml<S extends z.ZodType>(file: string, schema: S): z.infer<S> {
  const text = readText(file);
  if (parseDocument(text).contents === null) throw new ConfigError(file, undefined, "", "the file is empty (no settings, only blanks or comments)");
  return parseYaml(file, text, schema);
}

/** The line of `path` (keys from the top) in `file`, for messages about a value already loaded. */
export function lineIn(file: string, path: string[]): number | undefined {
  const lines = new LineCounter();
  const node = parseDocument(readText(file), { lineCounter: lines }).getIn(path, true);
  return isNode(node) && node.range ? lines.linePos(node.range[0]).line : undefined;
}

function readText(file: string): string {
  readableFile(file);
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    throw new ConfigError(file, undefined, "", `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

export function parseYaml<S extends z.ZodType>(file: string, text: string, schema: S): z.infer<S> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const err = doc.errors[0];
  if (err) throw new ConfigError(file, lines.linePos(err.pos[0]).line, "", `invalid YAML: ${err.message.split("\n")[0]}`);
  const parsed = schema.safeParse(doc.toJS() ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  // Point at the deepest node of the path that exists in the file (a missing key points at its parent).
  const full = issuePath(issue);
  let line: number | undefined;
  for (let n = full.length; n >= 0 && line === undefined; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(full.slice(0, n), true);
    if (isNode(node) && node.range) line = lines.linePos(node.range[0]).line;
  }
  throw new ConfigError(file, line, full.join("."), issue.message);
}
