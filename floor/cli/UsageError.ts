/** Bad usage: exits with status 2 and one clear message. */
export class UsageError extends Error {
  readonly code = "USAGE" as const;
}
