import { pino, type Logger } from "pino";

export type { Logger };

/** Paths pino blanks out wherever they appear: secrets never reach a log line. */
export const REDACT_PATHS = [
  "privateKey", "*.privateKey", "key", "*.key", "secret", "*.secret", "passphrase", "*.passphrase",
  "apiKey", "*.apiKey", "creds", "*.creds", "auth", "*.auth", "headers.authorization", "*.POLY_SIGNATURE", "*.POLY_PASSPHRASE",
  // bus credentials (floor/bus/auth): a password, token or NKey seed, wherever a log line carries one
  "pass", "*.pass", "password", "*.password", "token", "*.token", "seed", "*.seed", "nkeySeed", "*.nkeySeed",
];

/** The floor's logger: JSON lines to stderr (stdout is kept for status lines and `--json`). */
export function createLogger(opts: { level?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  return pino(
    { level: opts.level ?? process.env.LOG_LEVEL ?? "info", redact: { paths: REDACT_PATHS, censor: "[redacted]" }, base: { app: "polyfloor" } },
    opts.destination ?? pino.destination({ fd: 2, sync: false }),
  );
}
