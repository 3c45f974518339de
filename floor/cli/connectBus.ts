import { BusAuthError, busAuth, createBus, NatsBus, parseBusUrl, resolveBusUrl, type Bus } from "../bus/index.ts";
import type { LoadedConfig } from "../config/index.ts";
import type { Io } from "./Io.ts";
import { liveBusGuard } from "./liveBusGuard.ts";
import { UsageError } from "./UsageError.ts";

/** Re-throw a validation failure as bad usage (exit 2). */
function usage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/**
 * The floor's bus: `--bus`, else NATS_URL, else the config's `bus.url`, else in-process; credentials
 * from the URL or the environment variables the `bus:` section names; namespaced by
 * POLYFLOOR_BUS_PREFIX. Bad or refused credentials, and live trading on an open bus, exit 2.
 */
export async function connectBus(flag: string | undefined, mode: string, io: Io, config: LoadedConfig): Promise<Bus> {
  const cfg = config.floor.bus;
  const url = usage(() => resolveBusUrl(flag, io.env, cfg.url));
  if (url === "local") return createBus({ url });
  const endpoint = usage(() => parseBusUrl(url, "--bus"));
  const auth = usage(() => busAuth(endpoint, io.env, cfg));
  liveBusGuard(mode, endpoint.display, auth.method);
  // POLYFLOOR_BUS_PREFIX namespaces every subject, so several floors can share one NATS server.
  const prefix = io.env.POLYFLOOR_BUS_PREFIX;
  let bus: NatsBus;
  try {
    bus = await NatsBus.connect({ url, auth, ...(prefix ? { prefix } : {}), ...(cfg.replicas ? { replicas: cfg.replicas } : {}) });
  } catch (e) {
    throw e instanceof BusAuthError ? new UsageError(e.message) : e;
  }
  try {
    liveBusGuard(mode, endpoint.display, auth.method, bus.status.authRequired);
  } catch (e) {
    await bus.close();
    throw e;
  }
  return bus;
}
