import type { LiveConfig } from "../protocols/index.ts";
import type { AgentSpec, MarketSource } from "../floor/host/index.ts";
import type { Logger } from "../floor/log/createLogger.ts";
import { EthersV6Signer, LiveExecutor, liveExchangeAgent } from "./exchange/live/index.ts";
import { deriveApiKey } from "./exchange/live/clobClient.ts";
import type { LiveFeedOptions } from "./feed/live/index.ts";
import { liveOptions, liveSource } from "./sources.ts";

// Live trading alone: imported only when `--mode live` starts (agents/catalog.ts), so every other
// process is spared loading clob-client-v2 and ethers (about 0.7 s of each start).

/** The market for `floor start --mode live`: the live feed with the live exchange. */
export function liveTradingSource(live: LiveConfig, privateKey: string, log: Logger): MarketSource {
  return liveSource(liveTradingOptions(live, privateKey), undefined, liveExchange(live, privateKey, log));
}

/**
 * The live feed's options for live trading: as for paper, except that without the CLOB_* trio the
 * live-data socket authenticates with the API key derived from the wallet key, as the executor
 * does (the same L1 call, `createOrDeriveApiKey`; the key stays in the signer).
 */
export function liveTradingOptions(c: LiveConfig, privateKey: string, env: Readonly<Record<string, string | undefined>> = process.env): Partial<LiveFeedOptions> {
  const o = liveOptions(c, env);
  if (o.liveDataCreds && "creds" in o.liveDataCreds) return o;
  const derive = () => deriveApiKey(c.clobRestUrl, c.chainId, new EthersV6Signer(privateKey.trim()));
  return { ...o, liveDataCreds: { derive, from: "POLYMARKET_PRIVATE_KEY" } };
}

/**
 * The live exchange for `floor start --mode live`: the executor on clob-client-v2 at the
 * configured CLOB, signing with the key from POLYMARKET_PRIVATE_KEY (checked by the live guards;
 * held by the signer only, never logged or stored).
 */
export function liveExchange(live: LiveConfig, privateKey: string, log: Logger): AgentSpec {
  const venueLog = log.child({ part: "executor" });
  return liveExchangeAgent("exchange", {
    userWsUrl: live.clobUserWsUrl,
    executor: (beforePost) =>
      new LiveExecutor({
        host: live.clobRestUrl,
        signer: new EthersV6Signer(privateKey.trim()),
        chainId: live.chainId,
        signatureType: live.signatureType,
        ...(live.funderAddress ? { funderAddress: live.funderAddress } : {}),
        beforePost,
        log: (msg, fields) => venueLog.warn(fields ?? {}, msg),
      }),
  });
}
