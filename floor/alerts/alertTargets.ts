import { ALERT_KINDS, type AlertsConfig } from "../../protocols/index.ts";
import { ConfigError, lineIn } from "../config/index.ts";
import type { AlertTarget } from "./AlertTarget.ts";

/** The field's line in the config file, when the config came from one. */
function lineOf(source: string, i: number): number | undefined {
  try {
    return lineIn(source, ["alerts", "webhooks", String(i), "urlEnv"]);
  } catch {
    return undefined; // the embedded defaults, or a config built in code
  }
}

/**
 * The configured webhooks with their URLs from the environment. A variable that is not set, or
 * holds no http(s) URL, is a config error naming the field (exit 2 at `floor start`), never a
 * webhook silently left out; the error never shows the value.
 */
export function alertTargets(cfg: AlertsConfig, env: Readonly<Record<string, string | undefined>>, source = "config"): AlertTarget[] {
  return cfg.webhooks.map((w, i): AlertTarget => {
    const field = `alerts.webhooks.${i}.urlEnv`;
    const url = env[w.urlEnv]?.trim();
    if (!url) throw new ConfigError(source, lineOf(source, i), field, `${w.urlEnv} is not set: webhook "${w.name}" reads its URL from that environment variable (a webhook URL holds a token, so never from the file)`);
    if (!/^https?:\/\/\S+$/.test(url)) throw new ConfigError(source, lineOf(source, i), field, `${w.urlEnv} does not hold an http:// or https:// URL (its value is not shown)`);
    return {
      name: w.name, format: w.format, url, ...(w.chatId !== undefined ? { chatId: w.chatId } : {}),
      kinds: new Set(w.kinds ?? ALERT_KINDS), perMinute: w.perMinute, burst: w.burst, queue: w.queue,
    };
  });
}
