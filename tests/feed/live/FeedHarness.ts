import { Writable } from "node:stream";
import { AgentHost } from "../../../floor/host/index.ts";
import { LocalBus } from "../../../floor/bus/index.ts";
import { SimClock } from "../../../floor/clock/index.ts";
import { createLogger } from "../../../floor/log/createLogger.ts";
import { decode } from "../../../protocols/index.ts";
import { openDb, type Db } from "../../../state/index.ts";
import { liveFeedAgent, type LiveFeedSpec } from "../../../agents/feed/live/liveFeedAgent.ts";
import type { LiveFeedOptions } from "../../../agents/feed/live/liveFeedOptions.ts";
import { tmpDir } from "../../helpers/tmp.ts";
import { FakeClob } from "./FakeClob.ts";
import { FakeGamma } from "./FakeGamma.ts";
import { FakeLiveData } from "./FakeLiveData.ts";
import { FakeWsServer } from "./FakeWsServer.ts";
import { waitFor } from "./waitFor.ts";

/**
 * The live feed agent in an AgentHost on a simulated floor clock, against a local venue: Gamma,
 * the CLOB, RTDS and PolyBolt. Collects every md.* message (each must validate).
 */
export class FeedHarness {
  readonly tmp = tmpDir("live-feed");
  readonly db: Db = openDb(this.tmp.path("floor.db"));
  readonly bus = new LocalBus();
  readonly clob = new FakeClob();
  readonly gamma = new FakeGamma();
  readonly rtds = new FakeWsServer();
  readonly liveData: FakeLiveData;
  readonly seen: Array<{ subject: string; msg: Record<string, unknown> }> = [];
  readonly logs: string[] = [];
  clock = new SimClock(0);
  host: AgentHost | undefined;
  spec: LiveFeedSpec | undefined;

  constructor(liveDataPingMs = 50) {
    this.liveData = new FakeLiveData(liveDataPingMs);
    this.bus.subscribe("md.>", (m) => {
      const d = decode<Record<string, unknown>>(m.subject, m.data); // what the host published must validate
      if (!d.ok) throw new Error(`invalid ${m.subject}: ${d.error}`);
      this.seen.push({ subject: m.subject, msg: d.msg });
    });
  }

  msgs(subject: string): Array<Record<string, unknown>> {
    return this.seen.filter((m) => m.subject === subject).map((m) => m.msg);
  }

  async start(at: number, options: Partial<LiveFeedOptions> = {}): Promise<LiveFeedSpec> {
    this.clock = new SimClock(at);
    const { url, restUrl } = await this.clob.urls();
    this.spec = liveFeedAgent("feed-live", {
      minutes: 5, gammaUrl: await this.gamma.url(), clobWsUrl: url, clobRestUrl: restUrl, rtdsUrl: await this.rtds.url(), liveDataUrl: await this.liveData.url(),
      bookThrottleMs: 250, clobPingMs: 50, rtdsPingMs: 50, clobStaleMs: 5000, rtdsStaleMs: 5000, backoffMinMs: 10, backoffMaxMs: 50,
      resolvePollMs: 100, closeGraceMs: 2000, liveDataServerPingMs: 5000, liveDataFailoverMs: 5000,
      ...options,
    });
    const destination = new Writable({ write: (chunk: Buffer, _enc, done) => (this.logs.push(chunk.toString()), done()) });
    const log = createLogger({ level: "info", destination });
    this.host = new AgentHost(this.spec, { bus: this.bus, clock: this.clock, db: this.db, log, runId: 1 });
    this.host.start();
    return this.spec;
  }

  /** Drive the floor clock in `stepMs` steps (real time passes too, for the sockets) until `cond` holds. */
  async drive(cond: () => boolean, what: string, stepMs = 50): Promise<void> {
    await waitFor(() => {
      this.clock.advanceTo(this.clock.now() + stepMs);
      this.host!.tick(this.clock.now());
      return cond();
    }, what, 8000);
    await this.bus.idle();
  }

  async close(): Promise<void> {
    this.host?.stop();
    await this.spec?.stopped();
    await Promise.all([this.clob.close(), this.gamma.close(), this.rtds.close(), this.liveData.close()]);
    await this.bus.close();
    this.db.close();
    this.tmp.remove();
  }
}
