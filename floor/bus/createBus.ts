import type { Bus } from "./Bus.ts";
import type { BusAuth } from "./auth/busAuth.ts";
import { parseBusUrl } from "./auth/busEndpoint.ts";
import { LocalBus } from "./LocalBus.ts";
import { NatsBus, type NatsBusOptions } from "./NatsBus.ts";

export interface CreateBusOptions extends Pick<NatsBusOptions, "onViolation" | "warn" | "name" | "replicas"> {
  url?: string;
  prefix?: string;
  /** Credentials and TLS for a NATS bus (see busAuth); default: what the URL carries. */
  auth?: BusAuth;
}

/** `"local"` (or undefined) → the in-process bus; `nats://…` or `tls://…` → a NATS-backed bus. */
export async function createBus(opts: CreateBusOptions = {}): Promise<Bus> {
  const url = opts.url ?? "local";
  if (url === "local") return new LocalBus();
  parseBusUrl(url, "bus url");
  const { url: _url, ...rest } = opts;
  return NatsBus.connect({ url, ...rest });
}

/** Which bus to use: the `--bus` flag wins, then `NATS_URL` from the environment, then the config's `bus.url`, else `"local"`. */
export function resolveBusUrl(flag: string | undefined, env: NodeJS.ProcessEnv, configUrl?: string): string {
  if (flag !== undefined && flag !== "") return checkBusUrl(flag, "--bus");
  const fromEnv = env.NATS_URL;
  if (fromEnv !== undefined && fromEnv !== "") return checkBusUrl(fromEnv, "NATS_URL");
  if (configUrl !== undefined) {
    const url = checkBusUrl(configUrl, "bus.url");
    if (url !== "local") {
      const e = parseBusUrl(url, "bus.url");
      if (e.user !== undefined || e.token !== undefined) throw new Error("bus.url in the config carries credentials: secrets belong in the environment (bus.userEnv/passwordEnv/tokenEnv, see docs/NATS.md)");
    }
    return url;
  }
  return "local";
}

function checkBusUrl(value: string, source: string): string {
  const v = value.trim();
  if (v === "local") return v;
  parseBusUrl(v, source);
  return v;
}
