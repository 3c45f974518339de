import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";

/** Who a socket subscribed as: the API key it authenticated with, and its condition ids (lower case). */
export interface UserSubscription { apiKey: string; markets: Set<string> }

/** The credentials a subscription frame carries; returns the API key when they match an issued key. */
export type UserAuthCheck = (auth: { apiKey: string; secret: string; passphrase: string }) => string | undefined;

const REFUSED = "Unauthorized/Invalid api key";

function readSubscription(text: string): { auth: { apiKey: string; secret: string; passphrase: string }; markets: string[] } | undefined {
  let msg: unknown;
  try {
    msg = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof msg !== "object" || msg === null) return undefined;
  const { auth, markets, type } = msg as Record<string, unknown>;
  if (String(type).toLowerCase() !== "user" || typeof auth !== "object" || auth === null) return undefined;
  const a = auth as Record<string, unknown>;
  const list = Array.isArray(markets) ? markets.filter((m): m is string => typeof m === "string") : [];
  return { auth: { apiKey: String(a.apiKey ?? ""), secret: String(a.secret ?? ""), passphrase: String(a.passphrase ?? "") }, markets: list };
}

/**
 * Polymarket's user channel (`/ws/user`) for LocalClob, on LocalClob's HTTP server: answers PING
 * with PONG, takes `{auth, markets, type: "user"}` (a later one replaces the earlier), refuses bad
 * credentials with an error frame and close 1008, and pushes events to matching subscriptions.
 */
export class LocalUserChannel {
  readonly stats = { connections: 0, pings: 0, refused: 0, sent: 0 };
  /** Every accepted subscription frame, in order. */
  readonly subscriptions: { apiKey: string; markets: string[] }[] = [];
  /** When true, PINGs go unanswered (a dead connection that stays open). */
  mute = false;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly subs = new Map<WebSocket, UserSubscription | undefined>();

  constructor(private readonly authorize: UserAuthCheck) {}

  /** For the HTTP server's `upgrade` event. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (new URL(req.url ?? "/", "http://x").pathname !== "/ws/user") {
      socket.end("HTTP/1.1 404 Not Found\r\n\r\n");
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.stats.connections++;
      this.subs.set(ws, undefined);
      ws.on("message", (data, isBinary) => this.message(ws, isBinary ? "" : data.toString()));
      ws.on("close", () => this.subs.delete(ws));
      ws.on("error", () => {});
    });
  }

  /** Push `event` to every socket subscribed as `owner` to `market`; returns how many got it. */
  emit(owner: string, market: string, event: object): number {
    const text = JSON.stringify(event);
    let n = 0;
    for (const [ws, sub] of this.subs) {
      if (!sub || sub.apiKey !== owner || !sub.markets.has(market.toLowerCase()) || ws.readyState !== ws.OPEN) continue;
      ws.send(text);
      n++;
    }
    this.stats.sent += n;
    return n;
  }

  /** Send raw text to every subscribed socket (a test hook for bad frames). */
  raw(text: string): void {
    for (const [ws, sub] of this.subs) if (sub && ws.readyState === ws.OPEN) ws.send(text);
  }

  /** Cut every connection abruptly (no close handshake). */
  drop(): void {
    for (const ws of this.subs.keys()) ws.terminate();
  }

  /** Sockets open right now, subscribed or not. */
  open(): number {
    return [...this.subs.keys()].filter((ws) => ws.readyState === ws.OPEN).length;
  }

  async close(): Promise<void> {
    this.drop();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private message(ws: WebSocket, text: string): void {
    if (text.trim().toUpperCase() === "PING") {
      this.stats.pings++;
      if (!this.mute) ws.send("PONG");
      return;
    }
    const sub = readSubscription(text);
    const apiKey = sub && this.authorize(sub.auth);
    if (!sub || !apiKey) return this.refuse(ws, sub ? REFUSED : "invalid subscription message");
    const markets = sub.markets.map((m) => m.toLowerCase());
    this.subs.set(ws, { apiKey, markets: new Set(markets) });
    this.subscriptions.push({ apiKey, markets });
  }

  private refuse(ws: WebSocket, reason: string): void {
    this.stats.refused++;
    this.subs.set(ws, undefined);
    ws.send(JSON.stringify({ error: reason }));
    ws.close(1008, reason);
  }
}
