import type { BusAuthMethod } from "../bus/index.ts";
import { UsageError } from "./UsageError.ts";

/**
 * `--mode live` over NATS trades real money on what the bus carries, so the bus must be one where
 * identities and permissions hold: credentials given, and a server that demands them (its INFO
 * says auth_required). Checked before connecting (`authRequired` undefined) and after.
 */
export function liveBusGuard(mode: string, bus: string, auth: BusAuthMethod, authRequired?: boolean): void {
  if (mode !== "live") return;
  if (auth === "none") throw new UsageError(`--mode live refuses an unauthenticated bus: give ${bus} credentials (NATS_USER/NATS_PASSWORD, NATS_TOKEN, NATS_NKEY_SEED or NATS_CREDS; docs/NATS.md), or use --bus local`);
  if (authRequired === false) throw new UsageError(`--mode live refuses ${bus}: the server lets anyone connect without credentials; run it with an authorization config (config/nats/floor-auth.conf, docs/NATS.md)`);
}
