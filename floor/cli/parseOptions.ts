import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./UsageError.ts";

/**
 * `parseArgs`, refusing an empty value (`--db ""`, `--config=`): an empty path would otherwise
 * open a throwaway database or look for a file named "".
 */
export function parseOptions<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  const tokens = parseArgs({ ...config, tokens: true }).tokens ?? [];
  const empty = tokens.find((t) => t.kind === "option" && t.value !== undefined && t.value.trim() === "");
  if (empty?.kind === "option") throw new UsageError(`${empty.rawName} needs a value (it was empty)`);
  return parseArgs(config);
}
