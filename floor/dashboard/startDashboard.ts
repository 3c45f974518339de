import { createServer } from "node:http";
import { hostPort } from "../../protocols/index.ts";
import { listenOn, tokenGate, urlOf, type ListenPlan } from "../expose/index.ts";
import { DASHBOARD_HTML } from "./page.ts";

/** The text exposition format's content type (what prom-client's registries serve). */
const PROM_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

export interface Dashboard {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serve the dashboard: `/` is the page, `/api/status` the live floor as JSON (503 while `status`
 * throws, e.g. before the floor is ready), `/metrics` the floor's figures in Prometheus' text
 * format from `metrics` (docs/METRICS.md; 503 while it rejects). Binds to `HOST:PORT` (port 0 picks
 * a free one); a failed bind rejects with one line. With a plan's token, every request must carry it (tokenGate).
 */
export async function startDashboard(at: string | ListenPlan, status: () => unknown, metrics?: () => Promise<string>): Promise<Dashboard> {
  const { host, port, token }: ListenPlan = typeof at === "string" ? hostPort(at) : at;
  const gate = tokenGate(token, "polyfloor_dashboard");
  const server = createServer((req, res) => {
    if (!gate.admit(req, res)) return;
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
    } else if (path === "/metrics" && metrics) {
      metrics().then(
        (text) => res.writeHead(200, { "content-type": PROM_CONTENT_TYPE, "cache-control": "no-store" }).end(text),
        (e: unknown) => res.writeHead(503, { "content-type": "text/plain" }).end(String(e)),
      );
    } else if (path === "/") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(DASHBOARD_HTML);
    } else {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  const a = await listenOn(server, "dashboard", host, port);
  return {
    url: urlOf(host, a.port),
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
