import { Writable } from "node:stream";
import { startAlerts, type Alerts } from "../../floor/alerts/index.ts";
import { LocalBus } from "../../floor/bus/index.ts";
import { createLogger } from "../../floor/log/createLogger.ts";
import { FloorConfig } from "../../protocols/index.ts";
import { openDb, type Db } from "../../state/index.ts";

export const T0 = Date.parse("2026-01-01T00:00:00Z");

/** The audit log's entries of `kind`, details parsed, and the raw JSON to search for secrets. */
export function auditRows(db: Db, kind: string): Array<{ src: string; severity: string; detail: Record<string, unknown>; raw: string }> {
  const rows = db.prepare("SELECT src, severity, detail_json FROM audit_log WHERE kind = ? ORDER BY seq").all(kind) as Array<{ src: string; severity: string; detail_json: string }>;
  return rows.map((r) => ({ src: r.src, severity: r.severity, detail: JSON.parse(r.detail_json) as Record<string, unknown>, raw: r.detail_json }));
}

/** An audit fact on the bus, as an agent publishes it. */
export function publishFact(bus: LocalBus, kind: string, severity: string, detail: Record<string, unknown>, n = 0): void {
  bus.publish(`audit.${kind}`, JSON.stringify({ v: 1, id: `t-${kind}-${n}`, ts: T0 + n * 1000, src: "boss", kind, severity, detail }));
}

/** A breaker trip: one alert of kind `breaker`. */
export const trip = (bus: LocalBus, n = 0) => publishFact(bus, "breaker", "info", { action: "trip", breaker: "dailyLoss", scope: "floor", mode: "halted", reason: `daily loss ${n}` }, n);

/**
 * Alerts on an in-process bus and a real SQLite file, with `alerts` as the config's section and
 * `env` as the environment; the log lines it writes are kept.
 */
export function alertsOn(dbPath: string, alerts: Record<string, unknown>, env: Record<string, string>) {
  const bus = new LocalBus();
  const db = openDb(dbPath);
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk: Buffer, _e, cb) => void (lines.push(chunk.toString()), cb()) });
  const log = createLogger({ level: "info", destination: sink });
  const running: Alerts = startAlerts({ floor: FloorConfig.parse({ alerts }), env, bus, db, clock: { now: () => T0 }, log });
  return {
    bus, db, lines, alerts: running,
    queue: (i = 0) => running.queues[i]!,
    async close() {
      await running.stop();
      await bus.close();
      db.close();
    },
  };
}
