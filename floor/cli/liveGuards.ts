import type { LoadedConfig } from "../config/index.ts";
import { UsageError } from "./UsageError.ts";

/** An Ethereum private key: 32 bytes of hex, with or without 0x. */
const KEY = /^(0x)?[0-9a-fA-F]{64}$/;

/**
 * What `floor start --mode live` requires before anything touches real money, checked in order:
 * an explicit `--live`, the wallet key in POLYMARKET_PRIVATE_KEY (environment only; never
 * echoed), and an explicit capital cap in the config. Each refusal says what to do.
 */
export function liveGuards(flags: { mode: string; live: boolean }, env: NodeJS.ProcessEnv, config: LoadedConfig): { capitalCapUsd: number } {
  if (flags.live && flags.mode !== "live") throw new UsageError("--live goes with --mode live only");
  if (flags.mode !== "live") return { capitalCapUsd: 0 };
  if (!flags.live) throw new UsageError("--mode live trades real money: add --live to confirm");
  const key = env.POLYMARKET_PRIVATE_KEY;
  if (!key) throw new UsageError("--mode live needs the wallet's private key in the POLYMARKET_PRIVATE_KEY environment variable (never in a file or a flag)");
  if (!KEY.test(key.trim())) throw new UsageError("POLYMARKET_PRIVATE_KEY is not a private key (expected 64 hex digits, optionally after 0x); its value is not shown");
  const cap = config.floor.live.capitalCapUsd;
  if (cap === undefined) throw new UsageError(`--mode live needs an explicit capital cap: set live.capitalCapUsd in ${config.source === "embedded defaults" ? "config/floor.yaml" : config.source} (the most the floor may deploy, USD)`);
  return { capitalCapUsd: cap };
}
