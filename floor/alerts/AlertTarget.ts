import type { AlertFormat, AlertKind } from "../../protocols/index.ts";
import type { BucketRate } from "./tokenBucket.ts";

/** A configured webhook with its URL read from the environment: never logged, audited or sent. */
export interface AlertTarget extends BucketRate {
  name: string;
  format: AlertFormat;
  url: string;
  chatId?: string | number;
  kinds: ReadonlySet<AlertKind>;
  /** Alerts waiting at most. */
  queue: number;
}

/** How every message is tried: the config's `alerts:` settings. */
export interface DeliverySettings {
  attempts: number;
  backoffMs: number;
  backoffMaxMs: number;
  timeoutMs: number;
}
