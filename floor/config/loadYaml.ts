import { readFileSync } from "node:fs";
import { LineCounter, isNode, parseDocument } from "yaml";
import type { z } from "zod";
import { ConfigError } from "./ConfigError.ts";

/**
 * Read a YAML file and validate it with `schema`. Any failure (missing file, bad YAML, a wrong
 * field) throws one ConfigError naming the file, the line and the field.
 */
export function loadYaml<S extends z.ZodType>(file: string, schema: S): z.infer<S> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new ConfigError(file, undefined, "", `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  return parseYaml(file, text, schema);
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
  const keys = issue.code === "unrecognized_keys" ? issue.keys : [];
  const full = [...issue.path, ...keys].map((k) => (typeof k === "number" ? k : String(k)));
  let line: number | undefined;
  for (let n = full.length; n >= 0 && line === undefined; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(full.slice(0, n), true);
    if (isNode(node) && node.range) line = lines.linePos(node.range[0]).line;
  }
  throw new ConfigError(file, line, full.join("."), issue.message);
}

