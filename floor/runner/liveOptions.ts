import type { LiveFeedOptions } from "../../agents/feed/live/index.ts";
import type { LiveConfig } from "../../protocols/index.ts";

/** The live feed's options from `live:` in floor.yaml. */
export function liveOptions(c: LiveConfig): Partial<LiveFeedOptions> {
  return {
    asset: c.asset, symbol: c.symbol, minutes: c.marketMinutes,
    gammaUrl: c.gammaUrl, clobWsUrl: c.clobWsUrl, clobRestUrl: c.clobRestUrl, rtdsUrl: c.rtdsUrl,
    ...(c.binanceUrl ? { binanceUrl: c.binanceUrl } : {}),
  };
}
