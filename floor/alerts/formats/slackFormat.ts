import type { WebhookFormat } from "./WebhookFormat.ts";

/** A Slack incoming webhook: `{ "text": ... }`; Slack truncates past 40 000 characters, so we clip first. */
export const slackFormat: WebhookFormat = {
  maxChars: 40_000,
  body: (text) => ({ text }),
};
