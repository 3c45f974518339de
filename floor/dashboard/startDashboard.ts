import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { DASHBOARD_HTML } from "./page.ts";

export interface Dashboard {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serve the dashboard: `/` is the page, `/api/status` the live floor as JSON. Binds to
 * `HOST:PORT` (port 0 picks a free one); a busy port rejects with a clear message.
 */
export function startDashboard(at: string, status: () => unknown): Promise<Dashboard> {
  const i = at.lastIndexOf(":");
  const host = at.slice(0, i);
  const port = Number(at.slice(i + 1));
  if (i <= 0 || !Number.isInteger(port) || port < 0 || port > 65535) return Promise.reject(new Error(`invalid dashboard address ${at}: use HOST:PORT`));
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method !== "GET") {
      res.writeHead(405, { allow: "GET" }).end();
    } else if (path === "/api/status") {
      let body: string;
      try {
        body = JSON.stringify(status());
      } catch (e) {
        res.writeHead(503, { "content-type": "application/json" }).end(JSON.stringify({ error: String(e) }));
        return;
      }
      res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" }).end(body);
    } else if (path === "/") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(DASHBOARD_HTML);
    } else {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", (e: NodeJS.ErrnoException) => reject(new Error(e.code === "EADDRINUSE" ? `${at} is already in use (pass --dashboard HOST:PORT or off)` : e.message)));
    server.listen(port, host, () => {
      const a = server.address() as AddressInfo;
      resolve({
        url: `http://${host.includes(":") ? `[${host}]` : host}:${a.port}/`,
        close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
      });
    });
  });
}
