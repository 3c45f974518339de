import type { AlertFormat } from "../../../protocols/index.ts";
import { discordFormat } from "./discordFormat.ts";
import { slackFormat } from "./slackFormat.ts";
import { telegramFormat } from "./telegramFormat.ts";
import type { WebhookFormat } from "./WebhookFormat.ts";

export type { WebhookFormat };

/** Each webhook format the config may name. */
export const FORMATS: Record<AlertFormat, WebhookFormat> = {
  slack: slackFormat,
  discord: discordFormat,
  telegram: telegramFormat,
};
