import { BusAuthError } from "./BusAuthError.ts";

/** A NATS URL taken apart: where to connect, whether TLS is asked for, the credentials it carries, and how to show it. */
export interface BusEndpoint {
  /** `host:port` for the client. */
  readonly server: string;
  /** `tls://`: the connection must be encrypted. */
  readonly tls: boolean;
  /** The URL without password or token, for the banner, logs and errors. */
  readonly display: string;
  readonly user?: string;
  readonly pass?: string;
  /** `nats://TOKEN@host`: a user part without a password is a token, as in NATS's own tools. */
  readonly token?: string;
}

const URL_SHAPE = /^(nats|tls):\/\/(?:([^@/\s]*)@)?([A-Za-z0-9.-]+)(?::(\d{1,5}))?\/?$/;

/** `nats://[user[:pass]@|token@]host[:port]` or `tls://…`; throws naming `source` (never echoing a secret) when it is not one. */
export function parseBusUrl(value: string, source: string): BusEndpoint {
  const m = URL_SHAPE.exec(value.trim());
  const port = Number(m?.[4] ?? 4222);
  if (!m || !(port >= 1 && port <= 65535)) {
    throw new Error(`invalid ${source} value ${JSON.stringify(redactUrl(value))}: expected "local" or nats://[user:password@]host[:port] (or tls://)`);
  }
  const [, scheme, userinfo, host] = m;
  const display = `${scheme}://${host}:${port}`;
  const base = { server: `${host}:${port}`, tls: scheme === "tls" };
  if (userinfo === undefined) return { ...base, display };
  const colon = userinfo.indexOf(":");
  const decode = (s: string, what: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      throw new BusAuthError(`invalid ${source}: the ${what} in the URL is not valid percent-encoding (its value is not shown)`);
    }
  };
  if (colon < 0) return { ...base, display: `${scheme}://[token]@${host}:${port}`, token: decode(userinfo, "token") };
  const user = decode(userinfo.slice(0, colon), "user");
  return { ...base, display: `${scheme}://${user}@${host}:${port}`, user, pass: decode(userinfo.slice(colon + 1), "password") };
}

/** `value` with anything between `//` and `@` blanked, for messages about a URL that did not parse. */
export function redactUrl(value: string): string {
  return value.replace(/\/\/[^@/\s]*@/, "//[credentials]@");
}
