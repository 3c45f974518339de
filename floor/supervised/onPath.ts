import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";

/** Where `name` is on a PATH-style list of folders, if anywhere. */
export function onPath(name: string, path: string): string | undefined {
  for (const dir of path.split(delimiter)) if (dir && existsSync(join(dir, name))) return join(dir, name);
  return undefined;
}
