import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

export interface LiveDataCreds {
  apiKey: string;
  secret: string;
  passphrase: string;
}
interface Point {
  timestamp: number;
  value: number;
}
interface Conn {
  n: number;
  authed: boolean;
  auths: number;
  subs: Set<string>;
  seq: Map<string, number>;
  missedPongs: number;
}

const SPOT = "price.crypto";
const TWAP = "price.crypto.twap";
const fav = (v: number) => v.toFixed(8); // the published full_accuracy_value carries 8 decimals

/**
 * A local PolyBolt (docs.polymarket.com/api-reference/live-data/overview) on 127.0.0.1: `{op:auth}`
 * with the CLOB credentials before the gated price channels (bad ones: `auth_invalid`, then close
 * 4001 unless `badCredsClose` is false), `subscribed` acks and one snapshot per subscription,
 * dense per-connection per-channel `seq`, `dropped`, a WebSocket ping every `pingMs` (two missed
 * pongs close 4002), `{op:ping}` → pong, 64 KB frames and 8 auth frames (else close 4008).
 */
export class FakeLiveData {
  readonly creds: LiveDataCreds = { apiKey: "6a0f2c1e-8d4b-4f7a-9c3e-1b2d3e4f5a6b", secret: "c2VjcmV0LWZvci10ZXN0cw==", passphrase: "local-passphrase" };
  readonly received: Array<{ conn: number; msg: Record<string, unknown> }> = [];
  readonly history: Record<string, Point[]> = { [SPOT]: [], [TWAP]: [] };
  badCredsClose = true;
  /** Which credentials it takes: its own by default (a whole-floor run checks the key the floor derived). */
  verify: (a: LiveDataCreds) => boolean = (a) => a.apiKey === this.creds.apiKey && a.secret === this.creds.secret && a.passphrase === this.creds.passphrase;
  connections = 0;
  pongs = 0;
  private readonly conns = new Map<WebSocket, Conn>();
  private readonly wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  private readonly ready = new Promise<void>((resolve) => this.wss.once("listening", () => resolve()));
  private readonly pinger: NodeJS.Timeout | undefined;

  constructor(pingMs = 25_000) {
    this.wss.on("connection", (ws) => {
      const c: Conn = { n: ++this.connections, authed: false, auths: 0, subs: new Set(), seq: new Map(), missedPongs: 0 };
      this.conns.set(ws, c);
      ws.on("pong", () => ((c.missedPongs = 0), this.pongs++));
      ws.on("message", (data) => this.message(ws, c, data.toString()));
      ws.on("close", () => this.conns.delete(ws));
      ws.on("error", () => {});
    });
    if (pingMs > 0) this.pinger = setInterval(() => this.pingAll(), pingMs);
  }

  async url(): Promise<string> {
    await this.ready;
    return `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}/ws`;
  }

  /** Messages received on connection `conn` (all when omitted) with this op. */
  ops(op: string, conn?: number): Array<Record<string, unknown>> {
    return this.received.filter((r) => r.msg.op === op && (conn === undefined || r.conn === conn)).map((r) => r.msg);
  }

  /** A live point on `price.crypto` (Pyth) or `price.crypto.twap` (Chainlink): kept for snapshots, sent to subscribers. */
  push(channel: typeof SPOT | typeof TWAP, timestamp: number, value: number, opts: { dropped?: number; skip?: number } = {}): void {
    const h = this.history[channel]!;
    h.push({ timestamp, value });
    while (h[0]!.timestamp < timestamp - 120_000) h.shift(); // snapshots carry the previous two minutes
    const twap = channel === TWAP;
    const payload = { symbol: "btcusd", value, full_accuracy_value: fav(value), timestamp, ...(twap ? { window_seconds: 60 } : {}), source: twap ? "chainlink" : "pyth" };
    for (const [ws, c] of this.conns) if (c.subs.has(channel)) this.envelope(ws, c, channel, payload, opts);
  }

  /** Close every connection with a code (4003 draining, 4002 slow consumer, …). */
  closeAll(code: number, reason = ""): void {
    for (const ws of this.conns.keys()) ws.close(code, reason);
  }

  async close(): Promise<void> {
    clearInterval(this.pinger);
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private message(ws: WebSocket, c: Conn, text: string): void {
    if (Buffer.byteLength(text) > 64 * 1024) return ws.close(4008, "frame too large");
    let msg: Record<string, unknown>;
    try {
      msg = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return this.send(ws, { op: "error", code: "bad_op" });
    }
    this.received.push({ conn: c.n, msg });
    const rid = typeof msg.rid === "string" ? { rid: msg.rid } : {};
    if (msg.op === "ping") return this.send(ws, { op: "pong", ...rid });
    if (msg.op === "auth") return this.auth(ws, c, msg, rid);
    if (msg.op !== "subscribe" || !Array.isArray(msg.subscriptions)) return this.send(ws, { op: "error", code: "bad_op", ...rid });
    for (const sub of msg.subscriptions as Array<{ channel?: string; filter?: { symbol?: string; window_seconds?: number } }>) {
      const channel = sub.channel ?? "";
      if (channel !== SPOT && channel !== TWAP) this.send(ws, { op: "error", code: "bad_channel", channel, ...rid });
      else if (!c.authed) this.send(ws, { op: "error", code: "auth_required", channel, ...rid });
      else if (sub.filter?.symbol !== "btcusd" || (channel === TWAP && sub.filter.window_seconds !== 60)) this.send(ws, { op: "error", code: "bad_filter", channel, ...rid });
      else this.subscribe(ws, c, channel, rid);
    }
  }

  private auth(ws: WebSocket, c: Conn, msg: Record<string, unknown>, rid: object): void {
    if (++c.auths > 8) return this.send(ws, { op: "error", code: "auth_attempts", ...rid }), ws.close(4008, "auth_attempts");
    const a = msg.auth as Partial<LiveDataCreds> | undefined;
    if (a?.apiKey && a.secret && a.passphrase && this.verify({ apiKey: a.apiKey, secret: a.secret, passphrase: a.passphrase })) {
      c.authed = true;
      return this.send(ws, { op: "authed", ...rid });
    }
    this.send(ws, { op: "error", code: "auth_invalid", ...rid });
    if (this.badCredsClose) ws.close(4001, "authentication failed");
  }

  private subscribe(ws: WebSocket, c: Conn, channel: string, rid: object): void {
    const fresh = !c.subs.has(channel);
    c.subs.add(channel);
    this.send(ws, { op: "subscribed", channel, ...rid });
    if (!fresh) return; // a repeated subscription is acked without a new snapshot
    const twap = channel === TWAP;
    const data = this.history[channel]!.map((p) => ({ timestamp: p.timestamp, value: p.value, full_accuracy_value: fav(p.value) }));
    this.envelope(ws, c, channel, { symbol: "btcusd", ...(twap ? { window_seconds: 60 } : {}), source: twap ? "chainlink" : "pyth", data }, { snapshot: true });
  }

  private envelope(ws: WebSocket, c: Conn, channel: string, payload: object, o: { dropped?: number; skip?: number; snapshot?: boolean }): void {
    // seq is "assigned at delivery" (AsyncAPI): frames the server dropped consume none; `skip` fakes a lost one.
    const seq = (c.seq.get(channel) ?? 0) + 1 + (o.skip ?? 0);
    c.seq.set(channel, seq);
    this.send(ws, { v: 1, channel, seq, ts: Date.now(), ...(o.snapshot ? { snapshot: true } : {}), ...(o.dropped ? { dropped: o.dropped } : {}), payload });
  }

  private pingAll(): void {
    for (const [ws, c] of this.conns) {
      if (c.missedPongs >= 2) ws.close(4002, "pong timeout");
      else (c.missedPongs++, ws.ping());
    }
  }

  private send(ws: WebSocket, msg: object): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  }
}
