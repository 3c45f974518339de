import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { CHECKED_ROOTS } from "./checkImports.ts";

/** The repo's .ts sources under the checked roots, keyed by repo path with / separators. */
export function readSources(repoRoot: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (rel: string): void => {
    for (const entry of readdirSync(path.join(repoRoot, rel), { withFileTypes: true })) {
      const child = `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith(".ts")) files.set(child, readFileSync(path.join(repoRoot, child), "utf8"));
    }
  };
  for (const root of CHECKED_ROOTS) walk(root);
  return files;
}
