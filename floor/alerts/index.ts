/** Webhook alerts (docs/ALERTS.md): breakers, violations, crashes and digests, to Slack, Discord or Telegram. */
export { startAlerts } from "./startAlerts.ts";
export type { Alerts, AlertsOptions } from "./startAlerts.ts";
export { alertTargets } from "./alertTargets.ts";
export { WebhookQueue } from "./WebhookQueue.ts";
export type { Alert } from "./Alert.ts";
export type { AlertTarget, DeliverySettings } from "./AlertTarget.ts";
export { postWebhook, type PostFn, type PostResult } from "./postWebhook.ts";
export { FORMATS } from "./formats/index.ts";
export { scrubSecrets, secretValues } from "./scrubSecrets.ts";
