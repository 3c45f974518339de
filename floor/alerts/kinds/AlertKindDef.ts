import type { AgentLifecycle, AlertKind, AuditFact } from "../../../protocols/index.ts";

/** The bus families alerts read: audit facts (`audit.*`) and agents' lifecycle facts (`floor.life.*`). */
export interface AlertSources {
  audit: AuditFact;
  life: AgentLifecycle;
}

/** One alert kind: the family it listens to, and its line of text for a message there, or undefined when the message is not one. */
export type AlertKindDef = {
  [S in keyof AlertSources]: { kind: AlertKind; source: S; text(m: AlertSources[S]): string | undefined };
}[keyof AlertSources];

/** A detail field as text: strings as they are, anything else as JSON. */
export const field = (v: unknown): string => (typeof v === "string" ? v : v === undefined ? "?" : JSON.stringify(v));
