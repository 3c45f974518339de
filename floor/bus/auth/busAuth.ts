import { existsSync, readFileSync } from "node:fs";
import { credsAuthenticator, nkeyAuthenticator, nkeys, type ConnectionOptions, type TlsOptions } from "@nats-io/transport-node";
import type { BusConfig } from "../../../protocols/busConfig.ts";
import { BusAuthError } from "./BusAuthError.ts";
import type { BusEndpoint } from "./busEndpoint.ts";

export type BusAuthMethod = "none" | "user" | "token" | "nkey" | "creds";

/** How the bus authenticates: the method (shown), who (a user name, or an NKey's public key; never a secret) and the client options. */
export interface BusAuth {
  readonly method: BusAuthMethod;
  readonly who?: string;
  readonly tls: boolean;
  readonly options: Pick<ConnectionOptions, "user" | "pass" | "token" | "authenticator" | "tls">;
}

/** The environment variables of the default `bus:` section (protocols/busConfig.ts). */
export const DEFAULT_BUS_ENV = { userEnv: "NATS_USER", passwordEnv: "NATS_PASSWORD", tokenEnv: "NATS_TOKEN", nkeySeedEnv: "NATS_NKEY_SEED", credsEnv: "NATS_CREDS" } as const;
type EnvNames = Pick<BusConfig, keyof typeof DEFAULT_BUS_ENV> & Pick<Partial<BusConfig>, "tls">;

/**
 * The credentials for `endpoint`: from the URL, or from the environment variables `cfg` names
 * (a user and password, a token, an NKey seed, or a .creds file's path). More than one kind is
 * refused, as is a half (a user without a password); messages name variables, never values.
 */
export function busAuth(endpoint: BusEndpoint, env: NodeJS.ProcessEnv, cfg: EnvNames = DEFAULT_BUS_ENV): BusAuth {
  const get = (name: string) => (env[name] === undefined || env[name] === "" ? undefined : env[name]);
  const given: Array<[string, () => Omit<BusAuth, "tls">]> = [];
  if (endpoint.user !== undefined) given.push(["a user in the URL", () => ({ method: "user", who: endpoint.user, options: { user: endpoint.user, pass: endpoint.pass } })]);
  if (endpoint.token !== undefined) given.push(["a token in the URL", () => ({ method: "token", options: { token: endpoint.token } })]);
  const user = get(cfg.userEnv);
  const pass = get(cfg.passwordEnv);
  if (user !== undefined || pass !== undefined) given.push([`${cfg.userEnv}/${cfg.passwordEnv}`, () => userPass(cfg, user, pass)]);
  const token = get(cfg.tokenEnv);
  if (token !== undefined) given.push([cfg.tokenEnv, () => ({ method: "token", options: { token } })]);
  const seed = get(cfg.nkeySeedEnv);
  if (seed !== undefined) given.push([cfg.nkeySeedEnv, () => nkey(cfg.nkeySeedEnv, seed)]);
  const creds = get(cfg.credsEnv);
  if (creds !== undefined) given.push([cfg.credsEnv, () => credsFile(cfg.credsEnv, creds)]);
  if (given.length > 1) throw new BusAuthError(`bus credentials given more than one way (${given.map(([n]) => n).join(", ")}): keep one`);
  const tls = tlsOptions(endpoint, env, cfg.tls);
  const auth = given[0]?.[1]() ?? { method: "none" as const, options: {} };
  return { ...auth, tls: tls !== undefined, options: { ...auth.options, ...(tls ? { tls } : {}) } };
}

function userPass(cfg: EnvNames, user: string | undefined, pass: string | undefined): Omit<BusAuth, "tls"> {
  if (user === undefined) throw new BusAuthError(`${cfg.passwordEnv} is set but ${cfg.userEnv} is not: set both`);
  if (pass === undefined) throw new BusAuthError(`${cfg.userEnv} is set but ${cfg.passwordEnv} is not: set both`);
  return { method: "user", who: user, options: { user, pass } };
}

function nkey(name: string, seed: string): Omit<BusAuth, "tls"> {
  const bytes = new TextEncoder().encode(seed.trim());
  let pub: string;
  try {
    pub = nkeys.fromSeed(bytes).getPublicKey();
  } catch {
    throw new BusAuthError(`${name} is not an NKey seed (expected one starting with SU; its value is not shown)`);
  }
  return { method: "nkey", who: pub, options: { authenticator: nkeyAuthenticator(bytes) } };
}

function credsFile(name: string, path: string): Omit<BusAuth, "tls"> {
  let text: Uint8Array;
  try {
    text = readFileSync(path);
  } catch (err) {
    throw new BusAuthError(`${name}: cannot read the creds file ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (!/-----BEGIN NATS USER JWT-----/.test(new TextDecoder().decode(text))) throw new BusAuthError(`${name}: ${path} is not a NATS .creds file (no user JWT in it)`);
  return { method: "creds", options: { authenticator: credsAuthenticator(text) } };
}

/** TLS from NATS_TLS_CA/CERT/KEY, else the config's `tls`; a tls:// URL or any path turns it on. Paths must exist. */
function tlsOptions(endpoint: BusEndpoint, env: NodeJS.ProcessEnv, cfg: BusConfig["tls"]): TlsOptions | undefined {
  const files = { caFile: env.NATS_TLS_CA || cfg?.ca, certFile: env.NATS_TLS_CERT || cfg?.cert, keyFile: env.NATS_TLS_KEY || cfg?.key };
  const set = Object.entries(files).filter((e): e is [string, string] => e[1] !== undefined);
  for (const [, path] of set) if (!existsSync(path)) throw new BusAuthError(`bus TLS file not found: ${path}`);
  if ((files.certFile === undefined) !== (files.keyFile === undefined)) throw new BusAuthError("bus TLS needs both a client certificate and its key (NATS_TLS_CERT and NATS_TLS_KEY, or bus.tls.cert and bus.tls.key)");
  if (!endpoint.tls && set.length === 0) return undefined;
  return Object.fromEntries(set);
}
