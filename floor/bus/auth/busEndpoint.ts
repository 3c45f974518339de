import { BusAuthError } from "./BusAuthError.ts";

/** A NATS URL (or a comma-separated list of a cluster's) taken apart: where to connect, whether TLS is asked for, the credentials it carries, and how to show it. */
export interface BusEndpoint {
  /** `host:port` of each server, in the order given: the client picks one and fails over to the others. */
  readonly servers: readonly string[];
  /** `tls://`: the connection must be encrypted. */
  readonly tls: boolean;
  /** The URL(s) without password or token, for the banner, logs and errors. */
  readonly display: string;
  readonly user?: string;
  readonly pass?: string;
  /** `nats://TOKEN@host`: a user part without a password is a token, as in NATS's own tools. */
  readonly token?: string;
}

type OneServer = Omit<BusEndpoint, "servers"> & { server: string; scheme: string };

const URL_SHAPE = /^(nats|tls):\/\/(?:([^@/\s]*)@)?([A-Za-z0-9.-]+)(?::(\d{1,5}))?\/?$/;

/**
 * `nats://[user[:pass]@|token@]host[:port]` or `tls://…`, or several of them joined by commas
 * (the servers of one cluster). The servers share one scheme and one set of credentials (given
 * on any or all of them). Throws naming `source` (never echoing a secret) when it is not that.
 */
export function parseBusUrl(value: string, source: string): BusEndpoint {
  const parts = value.split(",").map((p) => parseOne(p, source, value));
  const first = parts[0]!;
  if (parts.some((p) => p.scheme !== first.scheme)) throw new Error(`invalid ${source}: the servers mix nats:// and tls://; use one scheme for all`);
  const withCreds = parts.filter((p) => p.user !== undefined || p.token !== undefined);
  const creds = withCreds[0];
  if (withCreds.some((p) => p.user !== creds?.user || p.pass !== creds?.pass || p.token !== creds?.token)) {
    throw new BusAuthError(`invalid ${source}: the servers carry different credentials (their values are not shown); give one set`);
  }
  const { scheme: _s, server: _v, display: _d, ...rest } = creds ?? first;
  return { ...rest, servers: parts.map((p) => p.server), display: parts.map((p) => p.display).join(",") };
}

function parseOne(part: string, source: string, whole: string): OneServer {
  const m = URL_SHAPE.exec(part.trim());
  const port = Number(m?.[4] ?? 4222);
  if (!m || !(port >= 1 && port <= 65535)) {
    throw new Error(`invalid ${source} value ${JSON.stringify(redactUrl(whole))}: expected "local" or nats://[user:password@]host[:port] (or tls://), several joined by commas for a cluster`);
  }
  const [, scheme, userinfo, host] = m;
  const display = `${scheme}://${host}:${port}`;
  const base = { scheme: scheme!, server: `${host}:${port}`, tls: scheme === "tls" };
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
  return value.replace(/\/\/[^@/\s,]*@/g, "//[credentials]@");
}
