import type { Bus } from "./Bus.ts";
import { LocalBus } from "./LocalBus.ts";
import { NatsBus } from "./NatsBus.ts";

const NATS_URL = /^nats:\/\/[A-Za-z0-9.-]+(:\d{1,5})?\/?$/;

/** `"local"` (or undefined) → the in-process bus; `nats://host[:port]` → a NATS-backed bus. */
export async function createBus(opts: { url?: string; prefix?: string } = {}): Promise<Bus> {
  const url = opts.url ?? "local";
  if (url === "local") return new LocalBus();
  checkBusUrl(url, "bus url");
  return NatsBus.connect({ url, prefix: opts.prefix });
}

/** Which bus to use: the `--bus` flag wins, else `NATS_URL` from the environment, else `"local"`. */
export function resolveBusUrl(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  if (flag !== undefined && flag !== "") return checkBusUrl(flag, "--bus");
  const fromEnv = env.NATS_URL;
  if (fromEnv !== undefined && fromEnv !== "") return checkBusUrl(fromEnv, "NATS_URL");
  return "local";
}

function checkBusUrl(value: string, source: string): string {
  const v = value.trim();
  if (v === "local") return v;
  if (NATS_URL.test(v)) {
    const port = Number(v.match(/:(\d+)\/?$/)?.[1] ?? 4222);
    if (port >= 1 && port <= 65535) return v;
  }
  throw new Error(`invalid ${source} value ${JSON.stringify(value)}: expected "local" or nats://host[:port]`);
}
