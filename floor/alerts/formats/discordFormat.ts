import type { WebhookFormat } from "./WebhookFormat.ts";

/**
 * A Discord webhook: `{ "content": ... }`, refused (400) over 2000 characters. No mentions are
 * parsed: an agent's reason reading "@everyone" must not ping a whole server.
 */
export const discordFormat: WebhookFormat = {
  maxChars: 2_000,
  body: (text) => ({ content: text, allowed_mentions: { parse: [] } }),
};
