import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** What the server does with one request. */
export type ChatReplyScript = (req: IncomingMessage, res: ServerResponse) => void;

/** A chat-completions response whose message is `content`, with its token usage when given. */
export const completion = (content: string, totalTokens?: number) => ({
  id: "chatcmpl-1", object: "chat.completion", created: 0, model: "test-model",
  choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content } }],
  ...(totalTokens !== undefined ? { usage: { prompt_tokens: Math.max(0, totalTokens - 20), completion_tokens: Math.min(20, totalTokens), total_tokens: totalTokens } } : {}),
});

/** Reply with `status` and a JSON body. */
export const json = (status: number, body: unknown, headers: Record<string, string> = {}): ChatReplyScript => (_req, res) => {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
};

/** Reply with a good answer: `{"pUp": …, "reason": …}` as the message's content. */
export const answer = (pUp: number, reason: string, tokens = 150): ChatReplyScript => json(200, completion(JSON.stringify({ pUp, reason }), tokens));

export interface ChatServer {
  /** …/v1: the base URL an OpenAI-compatible client takes. */
  baseUrl: string;
  /** Replies to the next requests, in order (a 500 once it runs out). */
  script: ChatReplyScript[];
  /** Each request it took: path, Authorization header, JSON body, wall time. */
  seen: Array<{ url: string; auth: string | undefined; body: Record<string, unknown>; at: number }>;
  reset(): void;
  close(): Promise<void>;
}

/** A local HTTP server speaking the chat-completions API from a script, on a free loopback port. */
export async function startChatServer(): Promise<ChatServer> {
  const s: Omit<ChatServer, "baseUrl" | "close"> = {
    script: [],
    seen: [],
    reset() {
      s.script.length = 0;
      s.seen.length = 0;
    },
  };
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      s.seen.push({ url: req.url ?? "", auth: req.headers.authorization, body: JSON.parse(body || "{}") as Record<string, unknown>, at: Date.now() });
      (s.script.shift() ?? json(500, { error: { message: "no scripted reply" } }))(req, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return Object.assign(s, {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  });
}
