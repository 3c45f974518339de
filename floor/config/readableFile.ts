import { statSync } from "node:fs";
import { ConfigError } from "./ConfigError.ts";

/**
 * Refuse what cannot be a config file before reading it: a directory, or a device, fifo or
 * socket (reading a fifo would wait forever for a writer).
 */
export function readableFile(file: string): void {
  let st;
  try {
    st = statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigError(file, undefined, "", code === "ENOENT" ? "file not found" : `cannot read: ${code ?? String(e)}`);
  }
  if (st.isDirectory()) throw new ConfigError(file, undefined, "", "is a directory, not a YAML file");
  if (!st.isFile()) throw new ConfigError(file, undefined, "", "is not a regular file (a device, fifo or socket)");
}
