import { ConfigError } from "./ConfigError.ts";
import { lineIn } from "./loadYaml.ts";

/** A second file naming an agent id another file has: both files and lines, as check-config and the watcher say it. */
export function duplicateIdError(file: string, id: string, first: string): ConfigError {
  return new ConfigError(file, lineIn(file, ["id"]), "id", `duplicate agent id ${id} (also in ${first}:${lineIn(first, ["id"]) ?? "?"})`);
}
