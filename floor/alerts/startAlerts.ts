import { appendAudit, type Db } from "../../state/index.ts";
import type { FloorConfig } from "../../protocols/index.ts";
import type { Bus } from "../bus/Bus.ts";
import type { Logger } from "../log/createLogger.ts";
import { createRng } from "../random/createRng.ts";
import { alertTargets } from "./alertTargets.ts";
import { listenForAlerts } from "./listenForAlerts.ts";
import type { PostFn } from "./postWebhook.ts";
import { scrubSecrets, secretValues } from "./scrubSecrets.ts";
import { WebhookQueue } from "./WebhookQueue.ts";

export interface AlertsOptions {
  floor: FloorConfig;
  env: Readonly<Record<string, string | undefined>>;
  bus: Bus;
  db: Db;
  clock: { now(): number };
  log: Logger;
  /** The config file, for errors. */
  source?: string;
  post?: PostFn;
}

export interface Alerts {
  readonly queues: readonly WebhookQueue[];
  /** Stop listening, give pending deliveries the configured grace, give up the rest. */
  stop(): Promise<void>;
}

/**
 * The floor's alerts: one queue per configured webhook, fed from the bus. Nothing when none is
 * configured. Its own failures go straight to the ledger's audit log (kind `alert_failed` or
 * `alert_dropped`, severity `error`, src `alerts`), never on the bus, so they raise no alert.
 */
export function startAlerts(o: AlertsOptions): Alerts {
  const cfg = o.floor.alerts;
  const targets = alertTargets(cfg, o.env, o.source);
  if (targets.length === 0) return { queues: [], stop: async () => undefined };
  const bus = o.floor.bus;
  const secrets = secretValues(o.env, [...cfg.webhooks.map((w) => w.urlEnv), bus.passwordEnv, bus.tokenEnv, bus.nkeySeedEnv]);
  const log = o.log.child({ part: "alerts" });
  const audit = (kind: string, detail: Record<string, unknown>) => {
    try {
      appendAudit(o.db, { ts: o.clock.now(), kind, severity: "error", src: "alerts", detail });
    } catch (err) {
      log.error({ err, kind }, "audit write failed");
    }
  };
  const queues = targets.map((target) => new WebhookQueue({ target, delivery: cfg, scrub: (s) => scrubSecrets(s, secrets), rng: createRng(`alerts:${target.name}`), log, audit, ...(o.post ? { post: o.post } : {}) }));
  const stopListening = listenForAlerts(o.bus, o.clock, log, (a) => queues.forEach((q) => q.push(a)));
  log.info({ webhooks: targets.map((t) => ({ name: t.name, format: t.format, kinds: [...t.kinds] })) }, "alerts on");
  let stopped: Promise<void> | undefined;
  return {
    queues,
    stop: () =>
      (stopped ??= (async () => {
        stopListening();
        await Promise.all(queues.map((q) => q.stop(cfg.stopGraceMs)));
      })()),
  };
}
