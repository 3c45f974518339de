import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

export interface Received {
  conn: number;
  text: string;
}

/**
 * A local WebSocket server on 127.0.0.1 speaking Polymarket's keepalive: it answers the text
 * `PING` with `PONG` (even while `silent`, like a frozen feed) and records every other text
 * message. `onMessage` lets a test answer subscriptions.
 */
export class FakeWsServer {
  readonly received: Received[] = [];
  pings = 0;
  connections = 0;
  /** When true, data sends are dropped: the server only answers PINGs (a silent freeze). */
  silent = false;
  onMessage: ((ws: WebSocket, text: string, conn: number) => void) | undefined;
  onConnect: ((ws: WebSocket, conn: number) => void) | undefined;
  private readonly wss: WebSocketServer;
  private readonly ready: Promise<void>;

  constructor() {
    this.wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    this.ready = new Promise((resolve) => this.wss.once("listening", () => resolve()));
    this.wss.on("connection", (ws) => {
      const conn = ++this.connections;
      ws.on("message", (data, isBinary) => {
        const text = isBinary ? "<binary>" : data.toString();
        if (text === "PING") {
          this.pings++;
          ws.send("PONG");
          return;
        }
        this.received.push({ conn, text });
        this.onMessage?.(ws, text, conn);
      });
      ws.on("error", () => {});
      this.onConnect?.(ws, conn);
    });
  }

  async url(path = ""): Promise<string> {
    await this.ready;
    return `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}${path}`;
  }

  /** Clients connected right now. */
  clients(): WebSocket[] {
    return [...this.wss.clients].filter((c) => c.readyState === c.OPEN);
  }

  /** Send to every client unless silent; objects are JSON-encoded, Buffers go as binary. */
  send(payload: unknown, ws?: WebSocket): void {
    if (this.silent) return;
    const data = typeof payload === "string" || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload);
    for (const c of ws ? [ws] : this.clients()) c.send(data);
  }

  /** Cut every connection abruptly (no close handshake). */
  dropAll(): void {
    for (const c of this.wss.clients) c.terminate();
  }

  /** JSON messages received on connection `conn` (all connections when omitted). */
  json(conn?: number): unknown[] {
    return this.received.filter((r) => conn === undefined || r.conn === conn).map((r) => JSON.parse(r.text) as unknown);
  }

  async close(): Promise<void> {
    for (const c of this.wss.clients) c.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
