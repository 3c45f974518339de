import { ConfigError } from "../../floor/config/ConfigError.ts";

/** The ConfigError `fn` throws; anything else (or nothing) fails the test. */
export function configErrorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error("expected a ConfigError");
}
