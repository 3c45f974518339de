/**
 * A rule a check found broken: its name (docs/AUDIT.md lists them), what was allowed and what
 * happened (micro-units, prices in micro, or ids), and a sentence saying so.
 */
export interface Broken {
  rule: string;
  allowed: number | string;
  actual: number | string;
  reason: string;
}
