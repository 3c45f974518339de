import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A local HTTP server on 127.0.0.1: `route(url)` answers each GET; every request path is recorded. */
export class FakeHttpServer {
  readonly requests: string[] = [];
  private readonly server: Server;
  private readonly ready: Promise<void>;

  constructor(public route: (url: URL) => Reply) {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      this.requests.push(`${url.pathname}${url.search}`);
      const r = this.route(url);
      res.writeHead(r.status, { "content-type": "application/json", ...r.headers });
      res.end(typeof r.body === "string" ? r.body : JSON.stringify(r.body));
    });
    this.ready = new Promise((resolve) => this.server.listen(0, "127.0.0.1", () => resolve()));
  }

  async url(): Promise<string> {
    await this.ready;
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
