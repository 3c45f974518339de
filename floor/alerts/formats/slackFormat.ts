import type { WebhookFormat } from "./WebhookFormat.ts";

/** Slack reads `&`, `<` and `>` as markup (`<url|label>`, `<!channel>`): its docs ask for these three escaped. */
const escapeSlack = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A Slack incoming webhook: `{ "text": ... }`, escaped; Slack truncates past 40 000 characters, so we clip first. */
export const slackFormat: WebhookFormat = {
  maxChars: 40_000,
  body: (text) => ({ text: escapeSlack(text) }),
};
