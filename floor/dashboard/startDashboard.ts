import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { hostPort } from "../../protocols/index.ts";
import type { Bus } from "../bus/Bus.ts";
import { listenOn, tokenGate, urlOf, type ListenPlan } from "../expose/index.ts";
import type { FloorHandles, LiveStatus } from "../runner/index.ts";
import { apiRoutes } from "./apiRoutes.ts";
import { controlRefusal } from "./controlGuard.ts";
import type { DashboardFeed } from "./DashboardFeed.ts";
import type { FloorView } from "./FloorView.ts";
import { HttpError, json } from "./reply.ts";
import { router } from "./router.ts";

export interface Dashboard {
  readonly url: string;
  close(): Promise<void>;
}

/** What the API beyond `/api/status` and `/metrics` reads: the running floor (throws while it starts), the feed, the bus. */
export interface DashboardWiring {
  floor: () => FloorHandles;
  feed: DashboardFeed;
  bus: Bus;
  /** `digests.dir` from the config, for the page's links to the daily digests. */
  digestsDir?: string;
}

const unwired = (): never => {
  throw new HttpError(503, "this dashboard serves /api/status and /metrics only (no floor wired to it)");
};

/**
 * Serve the dashboard (README, "The dashboard's API"): the page, the JSON API, the event stream,
 * the controls and `/metrics`, from a route table. Binds to `HOST:PORT` (port 0 picks a free one);
 * a failed bind rejects with one line. With a plan's token, every request must carry it
 * (tokenGate); the stream and the controls take it without the page's redirect. Controls are
 * also checked by controlRefusal. Anything that throws while the floor starts is a 503.
 */
export async function startDashboard(at: string | ListenPlan, status: () => unknown, metrics?: () => Promise<string>, wiring?: DashboardWiring): Promise<Dashboard> {
  const plan: ListenPlan = typeof at === "string" ? hostPort(at) : at;
  const gate = tokenGate(plan.token, "polyfloor_dashboard");
  const view: FloorView = {
    status: () => status() as LiveStatus,
    metrics: metrics ?? (() => Promise.reject(new HttpError(404, "no metrics here"))),
    floor: () => (wiring ?? unwired()).floor(),
    feed: () => (wiring ?? unwired()).feed,
    bus: () => (wiring ?? unwired()).bus,
    digestsDir: () => wiring?.digestsDir,
  };
  const match = router(apiRoutes(view));
  const server = createServer((req, res) => void serve(req, res).catch((e: unknown) => fail(res, e)));

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://x");
    // The page's first visit may carry ?token= (it becomes a cookie); EventSource and a POST cannot follow that redirect.
    const direct = req.method !== "GET" || url.pathname === "/api/stream";
    if (direct ? !gate.allows(req) : !gate.admit(req, res)) {
      if (direct) json(res, 401, { error: "this dashboard needs its token (Authorization: Bearer, its cookie, or ?token= on the stream)" });
      return;
    }
    const m = match(req.method ?? "GET", url.pathname);
    if ("status" in m) {
      if (m.status === 405) res.setHeader("allow", m.allow);
      return json(res, m.status, { error: m.status === 404 ? `no such path: ${url.pathname}` : `use ${m.allow}` });
    }
    if (req.method === "POST") {
      const refusal = controlRefusal(req, plan);
      if (refusal) return json(res, 403, { error: refusal });
    }
    await m.handler({ req, res, url, params: m.params });
  }

  const a = await listenOn(server, "dashboard", plan.host, plan.port);
  return {
    url: urlOf(plan.host, a.port),
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

/** An error as an answer: an HttpError with its status, anything else a 503 (the floor is starting, or its view failed). */
function fail(res: ServerResponse, e: unknown): void {
  if (res.headersSent) return void res.destroy();
  json(res, e instanceof HttpError ? e.status : 503, { error: e instanceof Error ? e.message : String(e) });
}
