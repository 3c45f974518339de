import { FakeClob } from "./FakeClob.ts";
import { FakeGamma } from "./FakeGamma.ts";
import { FakeLiveData } from "./FakeLiveData.ts";
import { FakeWsServer } from "./FakeWsServer.ts";

/**
 * A local Polymarket for wall-clock runs (`floor start --mode paper`, `floor record`): Gamma
 * answers for the windows around now by re-dating a real market object (same token ids, so the
 * local CLOB's recorded books apply), with a price to beat; RTDS streams Chainlink-shaped ticks
 * at the current time, and PolyBolt spot and 60 s TWAP (taking any credentials unless told how to
 * check them).
 */
export class FakeVenue {
  readonly clob = new FakeClob();
  readonly gamma = new FakeGamma();
  readonly rtds = new FakeWsServer();
  readonly liveData = new FakeLiveData();
  private ticker: NodeJS.Timeout | undefined;
  private readonly liveTicker: NodeJS.Timeout;

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
    this.liveData.verify = () => true;
    this.rtds.onMessage = (ws, text) => {
      if ((JSON.parse(text) as { action?: string }).action !== "subscribe") return;
      const tick = () => this.rtds.send({ topic: "crypto_prices_chainlink", type: "update", timestamp: Date.now(), payload: { symbol: "btc/usd", timestamp: Date.now(), value: 95_000 + Math.sin(Date.now() / 5000) * 20 } }, ws);
      tick();
      this.ticker ??= setInterval(tick, 200);
    };
    const push = () => {
      const now = Date.now();
      this.liveData.push("price.crypto", now, 95_000 + Math.sin(now / 5000) * 20);
      this.liveData.push("price.crypto.twap", now, 95_000 + Math.sin(now / 5000) * 10);
    };
    push();
    this.liveTicker = setInterval(push, 1000); // about one update a second per channel, as PolyBolt
  }

  /** The `live:` section of a floor.yaml pointing at this venue. */
  async liveYaml(): Promise<string> {
    const { url, restUrl } = await this.clob.urls();
    return `live:\n  marketMinutes: ${this.minutes}\n  gammaUrl: ${await this.gamma.url()}\n  clobWsUrl: ${url}\n  clobRestUrl: ${restUrl}\n  rtdsUrl: ${await this.rtds.url()}\n  liveDataUrl: ${await this.liveData.url()}\n`;
  }

  async close(): Promise<void> {
    clearInterval(this.ticker);
    clearInterval(this.liveTicker);
    await Promise.all([this.clob.close(), this.gamma.close(), this.rtds.close(), this.liveData.close()]);
  }
}
