import { FakeClob } from "./FakeClob.ts";
import { FakeGamma } from "./FakeGamma.ts";
import { FakeWsServer } from "./FakeWsServer.ts";

/**
 * A local Polymarket for wall-clock runs (`floor start --mode paper`, `floor record`): Gamma
 * answers for the windows around now by re-dating a real market object (same token ids, so the
 * local CLOB's recorded books apply), with a price to beat; RTDS streams Chainlink-shaped ticks
 * at the current time.
 */
export class FakeVenue {
  readonly clob = new FakeClob();
  readonly gamma = new FakeGamma();
  readonly rtds = new FakeWsServer();
  private ticker: NodeJS.Timeout | undefined;

  constructor(readonly minutes: 5 | 15 = 5) {
    const template = [...this.gamma.markets.values()][0]!;
    const len = minutes * 60_000;
    const now = Math.floor(Date.now() / len) * len;
    for (const start of [now - len, now, now + len, now + 2 * len]) {
      const slug = `btc-updown-${minutes}m-${start / 1000}`;
      this.gamma.markets.set(slug, { ...template, slug, eventStartTime: new Date(start).toISOString(), endDate: new Date(start + len).toISOString() });
      this.gamma.live.add(slug);
      this.gamma.metadata.set(slug, { priceToBeat: 95_000 + start / 1e9 });
    }
    this.rtds.onMessage = (ws, text) => {
      if ((JSON.parse(text) as { action?: string }).action !== "subscribe") return;
      const tick = () => this.rtds.send({ topic: "crypto_prices_chainlink", type: "update", timestamp: Date.now(), payload: { symbol: "btc/usd", timestamp: Date.now(), value: 95_000 + Math.sin(Date.now() / 5000) * 20 } }, ws);
      tick();
      this.ticker ??= setInterval(tick, 200);
    };
  }

  /** The `live:` section of a floor.yaml pointing at this venue. */
  async liveYaml(): Promise<string> {
    const { url, restUrl } = await this.clob.urls();
    return `live:\n  marketMinutes: ${this.minutes}\n  gammaUrl: ${await this.gamma.url()}\n  clobWsUrl: ${url}\n  clobRestUrl: ${restUrl}\n  rtdsUrl: ${await this.rtds.url()}\n`;
  }

  async close(): Promise<void> {
    clearInterval(this.ticker);
    await Promise.all([this.clob.close(), this.gamma.close(), this.rtds.close()]);
  }
}
