import { request, type ClientRequest } from "node:http";

export interface SseEvent {
  id: number | undefined;
  event: string | undefined;
  data: unknown;
}

/**
 * A server-sent-events client over node:http, as EventSource reads the wire: frames split on a
 * blank line, `id:`, `event:` and `data:` fields, comments (`:`) counted as heartbeats.
 */
export function sseClient(url: string, headers: Record<string, string> = {}) {
  const events: SseEvent[] = [];
  let comments = 0;
  let status = 0;
  let buffer = "";
  let req: ClientRequest;
  let body: import("node:http").IncomingMessage | undefined;
  const opened = new Promise<number>((resolve, reject) => {
    req = request(url, { headers: { accept: "text/event-stream", ...headers } }, (res) => {
      status = res.statusCode ?? 0;
      body = res;
      resolve(status);
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = frame.split("\n");
          if (fields.every((f) => f.startsWith(":"))) comments++;
          const field = (name: string) => fields.find((f) => f.startsWith(`${name}: `))?.slice(name.length + 2);
          const data = field("data");
          if (data === undefined) continue;
          const id = field("id");
          events.push({ id: id === undefined ? undefined : Number(id), event: field("event"), data: JSON.parse(data) as unknown });
        }
      });
    });
    req.on("error", reject);
    req.end();
  });
  return {
    opened,
    events,
    get comments() {
      return comments;
    },
    get status() {
      return status;
    },
    /** Stop reading: what the server sends piles up in the socket's buffers. */
    pause: () => body?.pause(),
    close: () => req.destroy(),
  };
}
