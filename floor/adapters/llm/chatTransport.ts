import type { ChatRequest } from "./request.ts";

/** An HTTP reply as the client reads it: status, headers, body text. */
export interface ChatReply {
  status: number;
  headers: { get(name: string): string | null };
  text: string;
}

/**
 * Sends one chat-completions request and returns the reply, whatever its status; rejects only
 * when no reply came (a network error, or `signal` aborted it). The one seam between the client
 * and the wire: the `openai` package could stand here instead (docs/STRATEGIES.md, llmAnalyst).
 */
export type ChatTransport = (body: ChatRequest, signal: AbortSignal) => Promise<ChatReply>;

/**
 * The chat-completions wire over Node's own `fetch`: POST {baseUrl}/chat/completions with the key
 * as a bearer token (none for a local server that wants none). The key lives in this closure only.
 */
export function fetchTransport(baseUrl: string, apiKey: string | undefined, fetchFn: typeof fetch = fetch): ChatTransport {
  const url = `${baseUrl.replace(/\/+$/, "")}/chat/completions`;
  return async (body, signal) => {
    const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
    if (apiKey) headers.authorization = `Bearer ${apiKey}`;
    const res = await fetchFn(url, { method: "POST", headers, body: JSON.stringify(body), signal });
    return { status: res.status, headers: res.headers, text: await res.text() };
  };
}
