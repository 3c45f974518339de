import type { AlertKind } from "../../protocols/index.ts";

/** One thing a person should hear of: its kind, when it happened (floor time, ms) and its line of text. */
export interface Alert {
  kind: AlertKind;
  ts: number;
  text: string;
}
