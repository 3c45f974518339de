import { createServer } from "node:http";
import { WebSocket, WebSocketServer } from "ws";
import type { InspectionEvent, Observer } from "xstate";
import { listenOn, tokenGate, urlOf, type ListenPlan } from "../expose/index.ts";
import { BRIDGE_HTML } from "./bridgePage.ts";
import { sanitize } from "./sanitize.ts";

export interface InspectorHandle {
  /** Open this in a browser: a local bridge page that embeds the Stately inspector. */
  readonly url: string;
  readonly inspect: Observer<InspectionEvent>;
  stop(): void;
}

/** Events kept for a viewer that connects late (as @statelyai/inspect's server keeps). */
const BUFFERED = 200;

/**
 * Attach the Stately inspector (`floor start --inspect`): a WebSocket relay on `plan`'s address
 * that every actor's inspection events are sent to, and re-sent to every viewer. It replaces
 * @statelyai/inspect's server, which always listens on all interfaces and cannot take a token.
 * The page it serves embeds stately.ai's inspector UI, so the viewing browser needs internet.
 * Every event is sanitised before it leaves the floor (sanitize.ts): no field named like a key,
 * secret, token or password, and no string holding one of `secrets` (the environment's).
 */
export async function startInspector(plan: ListenPlan, secrets: readonly string[] = []): Promise<InspectorHandle> {
  const gate = tokenGate(plan.token, "polyfloor_inspector");
  const http = createServer((req, res) => {
    if (gate.admit(req, res)) res.writeHead(200, { "content-type": "text/html" }).end(BRIDGE_HTML);
  });
  const wss = new WebSocketServer({ noServer: true });
  http.on("upgrade", (req, socket, head) => {
    if (!gate.allows(req)) {
      socket.end("HTTP/1.1 401 Unauthorized\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req));
  });
  const buffer: string[] = [];
  wss.on("connection", (ws) => {
    for (const msg of buffer) ws.send(msg);
    ws.on("message", (data) => {
      const msg = data.toString();
      buffer.push(msg);
      if (buffer.length > BUFFERED) buffer.shift();
      for (const client of wss.clients) if (client !== ws && client.readyState === WebSocket.OPEN) client.send(msg);
    });
  });
  const { port } = await listenOn(http, "inspector", plan.host, plan.port);
  // The floor's own client: over loopback when the relay listens on every interface.
  const self = ({ "0.0.0.0": "127.0.0.1", "::": "::1" } as Record<string, string>)[plan.host] ?? plan.host;
  const { createWebSocketInspector } = await import("@statelyai/inspect");
  const inspector = createWebSocketInspector({
    url: `ws://${self.includes(":") ? `[${self}]` : self}:${port}/${plan.token ? `?token=${encodeURIComponent(plan.token)}` : ""}`,
    // Every inspection event (contexts, events, action parameters), not only the contexts sanitizeContext would reach.
    serialize: (e) => sanitize(e, secrets) as typeof e,
  });
  return {
    url: urlOf(plan.host, port),
    inspect: inspector.inspect,
    stop() {
      inspector.stop();
      for (const c of wss.clients) c.terminate();
      wss.close();
      http.closeAllConnections();
      http.close();
    },
  };
}
