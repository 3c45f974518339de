import { createServer } from "node:net";
import type { InspectionEvent, Observer } from "xstate";

export interface InspectorHandle {
  /** Open this in a browser: a local bridge page that embeds the Stately inspector. */
  readonly url: string;
  readonly inspect: Observer<InspectionEvent>;
  stop(): void;
}

/** Resolve when nothing listens on `port` (the inspector server would crash on a busy port). */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
      .once("error", () => resolve(false))
      .listen(port, () => probe.close(() => resolve(true)));
  });
}

/**
 * Attach the Stately inspector (`floor start --inspect`): a local WebSocket relay on `port`
 * (@statelyai/inspect's server) that every actor's inspection events are sent to. The page it
 * serves embeds stately.ai's inspector UI, so the viewing browser needs internet access.
 */
export async function startInspector(port: number): Promise<InspectorHandle> {
  if (!(await portFree(port))) throw new Error(`inspector port ${port} is in use (set POLYFLOOR_INSPECT_PORT)`);
  const { createInspectorServer } = await import("@statelyai/inspect/server");
  const { createWebSocketInspector } = await import("@statelyai/inspect");
  const server = createInspectorServer({ port, autoOpen: false });
  const inspector = createWebSocketInspector({ url: `ws://127.0.0.1:${port}` });
  return {
    url: `http://localhost:${port}`,
    inspect: inspector.inspect,
    stop() {
      inspector.stop();
      server.stop();
    },
  };
}
