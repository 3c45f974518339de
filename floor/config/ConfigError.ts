/** A configuration file that cannot be used; the message names the file, line and field. */
export class ConfigError extends Error {
  readonly code = "BAD_CONFIG" as const;
  constructor(readonly file: string, readonly line: number | undefined, readonly field: string, readonly reason: string) {
    super(`${file}${line ? `:${line}` : ""}: ${field ? `${field}: ` : ""}${reason}`);
  }
}
