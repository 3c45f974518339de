import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { passwordVarOf } from "../../floor/bus/auth/natsAuthConfig.ts";
import { startNatsServer, type NatsServerHandle } from "./nats.ts";

/** The documented authorization config the tests and CI run a second server with. */
export const AUTH_CONFIG = "config/nats/floor-auth.conf";

/** The users of AUTH_CONFIG: the roles and the repository's traders (its `user:` entries, as `npm run nats-config` wrote them). */
export const AUTH_USERS = [...readFileSync(AUTH_CONFIG, "utf8").matchAll(/\{ user: "([^"]+)"/g)].map((m) => m[1]!);

export interface AuthServer extends NatsServerHandle {
  /** `nats://user:password@127.0.0.1:port` for one of AUTH_USERS (a wrong password with `wrong`). */
  urlAs(user: string, wrong?: boolean): string;
  /** The server's environment: each user's password variable (NATS_PW_…). */
  readonly env: Record<string, string>;
}

/** A private nats-server running AUTH_CONFIG, a fresh random password per user (starting with letters: nats-server parses a variable's value, and one starting with a digit would be a number). */
export async function startAuthServer(): Promise<AuthServer> {
  const env = Object.fromEntries(AUTH_USERS.map((u) => [passwordVarOf(u), `pw${randomBytes(9).toString("hex")}`]));
  const server = await startNatsServer({ config: AUTH_CONFIG, env });
  const hostPort = server.url.slice("nats://".length);
  return Object.assign(server, {
    env,
    urlAs: (user: string, wrong = false) => `nats://${user}:${wrong ? "wrong" : env[passwordVarOf(user)]}@${hostPort}`,
  });
}
