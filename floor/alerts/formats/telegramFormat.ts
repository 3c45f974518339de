import type { WebhookFormat } from "./WebhookFormat.ts";

/** A Telegram bot's sendMessage: `{ "chat_id": ..., "text": ... }`, plain text (no parse_mode), at most 4096 characters. */
export const telegramFormat: WebhookFormat = {
  maxChars: 4_096,
  body: (text, chatId) => ({ chat_id: chatId, text }),
};
