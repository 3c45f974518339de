import { agentDetail, agentMachine } from "./agentDetail.ts";
import { agentRows } from "./agentRows.ts";
import { hold, retire } from "./controls.ts";
import type { FloorView } from "./FloorView.ts";
import { lineage } from "./lineage.ts";
import { serveAsset, servePage } from "./page/pageAssets.ts";
import { digestFile, digestList } from "./digests.ts";
import { HttpError, json } from "./reply.ts";
import type { RouteCall, Routes } from "./router.ts";

/** The text exposition format's content type (what prom-client's registries serve). */
const PROM_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
/** Events per `/api/events` answer at most (ask again from its `last`). */
export const EVENTS_PER_PAGE = 1000;

/** A sequence number from `?since=` or Last-Event-ID: a non-negative integer, else a 400. */
export function seqParam(text: string | null | undefined, what: string): number | undefined {
  if (text === null || text === undefined || text === "") return undefined;
  if (!/^\d{1,15}$/.test(text)) throw new HttpError(400, `${what} must be a sequence number (a non-negative integer), not ${JSON.stringify(text.slice(0, 40))}`);
  return Number(text);
}

const get = (f: (c: RouteCall) => unknown) => (c: RouteCall) => json(c.res, 200, f(c));

/** `/api/events?since=SEQ`: the ring's events after SEQ (JSON lines as kept, so built as text). */
function events(view: FloorView) {
  return (c: RouteCall) => {
    const since = seqParam(c.url.searchParams.get("since"), "since") ?? 0;
    const { ring } = view.feed();
    const list = ring.since(since, EVENTS_PER_PAGE);
    const last = list.at(-1)?.seq ?? Math.max(since, ring.last);
    const head = `{"last":${last},"newest":${ring.last},"oldest":${ring.oldest},"missed":${since + 1 < ring.oldest && ring.last > 0}`;
    c.res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" }).end(`${head},"events":[${list.map((e) => e.line).join(",")}]}`);
  };
}

/** Every route of the dashboard: the page and its files, the daily digests, the JSON API, the stream, the controls, the Prometheus figures. */
export function apiRoutes(view: FloorView): Routes {
  return [
    ["GET", "/", servePage],
    ["GET", "/assets/:name", serveAsset],
    ["GET", "/api/digests", digestList(view)],
    ["GET", "/digests/:name", digestFile(view)],
    ["GET", "/api/status", get(() => view.status())],
    ["GET", "/api/agents", get(() => agentRows(view))],
    ["GET", "/api/agents/:id", get((c) => agentDetail(view, c.params.id!))],
    ["GET", "/api/agents/:id/machine", async (c) => json(c.res, 200, await agentMachine(view, c.params.id!))],
    ["GET", "/api/lineage", get(() => lineage(view))],
    ["GET", "/api/events", events(view)],
    // A reconnecting EventSource's Last-Event-ID wins over the address's `since`, which only places its first connection.
    ["GET", "/api/stream", (c) => view.feed().hub.open(c.req, c.res, seqParam([c.req.headers["last-event-id"]].flat()[0] ?? c.url.searchParams.get("since"), "Last-Event-ID or since"))],
    ["GET", "/metrics", async (c) => void c.res.writeHead(200, { "content-type": PROM_CONTENT_TYPE, "cache-control": "no-store" }).end(await view.metrics())],
    ["POST", "/api/agents/:id/pause", hold(view, "pause", "agent")],
    ["POST", "/api/agents/:id/resume", hold(view, "resume", "agent")],
    ["POST", "/api/agents/:id/retire", retire(view)],
    ["POST", "/api/floor/pause", hold(view, "pause", "floor")],
    ["POST", "/api/floor/resume", hold(view, "resume", "floor")],
  ];
}
