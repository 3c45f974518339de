import { z } from "zod";
import { EnvName } from "./busConfig.ts";
import { ordered } from "./configChecks.ts";

/** What a webhook can be told about (docs/ALERTS.md, "Alert kinds"). */
export const ALERT_KINDS = ["breaker", "violation", "crash", "restart", "digest"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** The JSON a webhook speaks: Slack's `{text}`, Discord's `{content}`, Telegram's `{chat_id, text}`. */
export const ALERT_FORMATS = ["slack", "discord", "telegram"] as const;
export type AlertFormat = (typeof ALERT_FORMATS)[number];

/**
 * One webhook. Its URL holds a token, so the file names the environment variable that holds the
 * URL, never the URL; a Telegram bot's URL is its `.../bot<token>/sendMessage`.
 */
export const AlertWebhook = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "use letters, digits, '-' or '_' (at most 64)"),
    format: z.enum(ALERT_FORMATS),
    urlEnv: EnvName,
    /** Telegram only: the chat the bot posts to (not a secret). */
    chatId: z.union([z.string().min(1).max(100), z.number().int()]).optional(),
    /** The kinds it wants; every kind when absent. */
    kinds: z.array(z.enum(ALERT_KINDS)).min(1).optional(),
    /** Token bucket: messages a minute, and how many may go at once; what is over is coalesced into the next message. */
    perMinute: z.number().gt(0).max(600).default(20),
    burst: z.number().int().min(1).max(100).default(5),
    /** Alerts waiting at most; more are counted as dropped and the count reported in the next message. */
    queue: z.number().int().min(1).max(10_000).default(100),
  })
  .strict()
  .superRefine((w, ctx) => {
    if (w.format === "telegram" && w.chatId === undefined) ctx.addIssue({ code: "custom", path: ["chatId"], message: "a telegram webhook needs chatId" });
    if (w.format !== "telegram" && w.chatId !== undefined) ctx.addIssue({ code: "custom", path: ["chatId"], message: `chatId is for telegram webhooks, not ${w.format}` });
  });
export type AlertWebhook = z.infer<typeof AlertWebhook>;

/** The `alerts:` section of config/floor.yaml: none by default. Delivery runs on wall time (real people, real HTTP). */
export const AlertsConfig = z
  .object({
    webhooks: z
      .array(AlertWebhook)
      .max(20)
      .refine((l) => new Set(l.map((w) => w.name)).size === l.length, "each webhook name at most once")
      .default([]),
    /** Tries per message (the first included) on network errors, 5xx and 429, before it is given up and audited. */
    attempts: z.number().int().min(1).max(20).default(5),
    /** Backoff: the first wait, doubled each retry up to `backoffMaxMs`, with jitter; a 429's Retry-After wins. */
    backoffMs: z.number().int().min(1).max(60_000).default(1_000),
    backoffMaxMs: z.number().int().min(1).max(600_000).default(60_000),
    /** One HTTP request's limit. */
    timeoutMs: z.number().int().min(100).max(60_000).default(5_000),
    /** At floor stop, pending deliveries get this long, then the rest are given up (audited). */
    stopGraceMs: z.number().int().min(0).max(10_000).default(2_000),
  })
  .strict()
  .superRefine(ordered(["backoffMs", "backoffMaxMs"]));
export type AlertsConfig = z.infer<typeof AlertsConfig>;
