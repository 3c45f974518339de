import type { AlertKind } from "../../../protocols/index.ts";
import type { AlertKindDef } from "./AlertKindDef.ts";
import { breakerAlert } from "./breakerAlert.ts";
import { crashAlert } from "./crashAlert.ts";
import { digestAlert } from "./digestAlert.ts";
import { restartAlert } from "./restartAlert.ts";
import { violationAlert } from "./violationAlert.ts";

export type { AlertKindDef, AlertSources } from "./AlertKindDef.ts";

/** Every alert kind, once (docs/ALERTS.md, "Alert kinds"). */
export const ALERT_KIND_DEFS: Readonly<Record<AlertKind, AlertKindDef>> = {
  breaker: breakerAlert,
  violation: violationAlert,
  crash: crashAlert,
  restart: restartAlert,
  digest: digestAlert,
};
