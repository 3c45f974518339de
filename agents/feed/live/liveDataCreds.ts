import type { ApiKeyCreds } from "@polymarket/clob-client-v2";

/**
 * The CLOB L2 API credentials the live-data socket authenticates with, by the names
 * `@polymarket/clob-client-v2`'s README uses. They are the key, secret and passphrase that
 * `createOrDeriveApiKey` gives for the wallet (what the live executor derives from
 * POLYMARKET_PRIVATE_KEY). Read from the environment only; never logged.
 */
export const LIVE_DATA_CRED_VARS = { key: "CLOB_API_KEY", secret: "CLOB_SECRET", passphrase: "CLOB_PASS_PHRASE" } as const;

/**
 * The credentials, a way to get them (live trading derives the wallet's API key, named by `from`,
 * as the executor does), or why there are none.
 */
export type LiveDataCredsResult = { creds: ApiKeyCreds } | { derive: () => Promise<ApiKeyCreds>; from: string } | { none: string };

/** All three set: the credentials; none or only some: why not (names only, never values). */
export function liveDataCredsFromEnv(env: Readonly<Record<string, string | undefined>>): LiveDataCredsResult {
  const read = (name: string) => env[name]?.trim() || undefined;
  const key = read(LIVE_DATA_CRED_VARS.key);
  const secret = read(LIVE_DATA_CRED_VARS.secret);
  const passphrase = read(LIVE_DATA_CRED_VARS.passphrase);
  if (key && secret && passphrase) return { creds: { key, secret, passphrase } };
  const names = Object.values(LIVE_DATA_CRED_VARS);
  const missing = names.filter((n) => !read(n));
  if (missing.length === names.length) return { none: `no CLOB API credentials (${names.join(", ")} are not set)` };
  return { none: `incomplete CLOB API credentials: ${missing.join(", ")} not set (all three are needed)` };
}
