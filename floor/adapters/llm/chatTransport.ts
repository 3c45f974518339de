/** An HTTP reply as the client reads it: status, headers, body text. */
export interface ChatReply {
  status: number;
  headers: { get(name: string): string | null };
  text: string;
}

/** A chat-completions request body: the analyst's JSON-mode ask, or a plain one (the digest's narrative). */
export interface ChatBody {
  model: string;
  messages: ReadonlyArray<{ role: "system" | "user" | "assistant"; content: string }>;
  temperature?: number;
  max_tokens?: number;
  response_format?: { type: "json_object" | "text" };
}

/**
 * Sends one chat-completions request and returns the reply, whatever its status; rejects only
 * when no reply came (a network error, or `signal` aborted it). The one seam between the client
 * and the wire: the `openai` package could stand here instead (docs/STRATEGIES.md, llmAnalyst).
 */
export type ChatTransport = (body: ChatBody, signal: AbortSignal) => Promise<ChatReply>;

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
