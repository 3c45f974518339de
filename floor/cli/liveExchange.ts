import { EthersV6Signer, LiveExecutor, liveExchangeAgent } from "../../agents/exchange/live/index.ts";
import type { LiveConfig } from "../../protocols/index.ts";
import type { AgentSpec } from "../host/index.ts";
import type { Logger } from "../log/createLogger.ts";

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
