import { hostPort } from "../../protocols/index.ts";

export interface ListenPlan {
  host: string;
  port: number;
  /** Required on every request when set. */
  token?: string;
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1|::ffff:127(\.\d{1,3}){3})$/i;
export const isLoopback = (host: string) => LOOPBACK.test(host);

/** At least this long: a token is the only thing between the network and the floor. */
const MIN_TOKEN = 16;

/**
 * Where a server of the floor may listen. A loopback address needs nothing; any other needs a
 * token in the environment variable `tokenVar`, and without one this throws (the caller makes it
 * a usage error before anything starts). A token that is set is required even on loopback.
 * The message never contains the token.
 */
export function listenPlan(what: string, at: string, env: NodeJS.ProcessEnv, tokenVar: string): ListenPlan {
  const { host, port } = hostPort(at);
  const token = env[tokenVar] || undefined;
  if (token !== undefined && token.length < MIN_TOKEN) throw new Error(`${tokenVar} is too short for the ${what} (at least ${MIN_TOKEN} characters); its value is not shown`);
  if (token === undefined && !isLoopback(host))
    throw new Error(`the ${what} at ${at} would be reachable from the network without authentication: set ${tokenVar} (at least ${MIN_TOKEN} characters), or bind 127.0.0.1`);
  return { host, port, ...(token !== undefined ? { token } : {}) };
}
