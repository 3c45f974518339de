import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** What the server does with its nth request (0-based): a status with headers and a JSON body, or never answer (a promise: answer later). */
export type WebhookReply = { status: number; headers?: Record<string, string>; body?: unknown } | "hang";

export interface Seen {
  path: string;
  contentType: string | undefined;
  body: Record<string, unknown>;
}

export interface WebhookServer {
  /** http://127.0.0.1:PORT */
  origin: string;
  seen: Seen[];
  /** Answers sent (a hung request is seen, never answered). */
  answered: number;
  /** Resolves once `n` requests have been seen. */
  until(n: number): Promise<void>;
  close(): Promise<void>;
}

/** A local server speaking the webhooks' wire format: JSON POSTs in, a status and JSON out, scripted by `reply`. */
export async function startWebhookServer(reply: (n: number, req: IncomingMessage) => WebhookReply | Promise<WebhookReply> = () => ({ status: 200, body: { ok: true } })): Promise<WebhookServer> {
  const waiters: Array<{ n: number; resolve(): void }> = [];
  const s = { seen: [] as Seen[], answered: 0 };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let text = "";
    req.on("data", (c: Buffer) => (text += c.toString()));
    req.on("end", () => {
      const n = s.seen.length;
      s.seen.push({ path: req.url ?? "", contentType: req.headers["content-type"], body: JSON.parse(text || "{}") as Record<string, unknown> });
      for (const w of waiters.filter((w) => s.seen.length >= w.n)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
      void Promise.resolve(reply(n, req)).then((r) => {
        if (r === "hang") return;
        res.writeHead(r.status, { "content-type": "application/json", ...r.headers });
        res.end(JSON.stringify(r.body ?? {}));
        s.answered++;
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return Object.assign(s, {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    until: (n: number) => (s.seen.length >= n ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ n, resolve }))),
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  });
}
