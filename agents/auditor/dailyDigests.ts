import { resolve } from "node:path";
import { subjects, type DigestConfig } from "../../protocols/index.ts";
import { getMeta, setMeta, type Db } from "../../state/index.ts";
import { dayBefore, dayOf, digestData, isEmptyDay, narrateDigest, narratorOptions, parseDay, writeDigest, type DigestDay, type Narrative, type NarratorOptions } from "../../floor/digest/index.ts";
import type { Logger } from "../../floor/log/createLogger.ts";

/** Floor meta key: the last day whose digest is done (written, or found empty). It survives restarts and rolls back with a sim. */
export const LAST_DIGEST_KEY = "digestLastDay";

export interface DigestOptions {
  /** The folder the files go in (absolute, or against the working directory). */
  dir: string;
  /** The model asked for a narrative, when one is configured. */
  narrator?: NarratorOptions | undefined;
}

/** The auditor's digest options from the floor's config: none when `dir` is "off"; the narrator's endpoint and key from `env`. */
export function digestOptions(c: DigestConfig, env: Record<string, string | undefined> = process.env): DigestOptions | undefined {
  return c.dir === "off" ? undefined : { dir: resolve(c.dir), narrator: narratorOptions(c.narrative, env) };
}

interface Deps extends DigestOptions {
  db: Db;
  log: Logger;
  now(): number;
  publish(subject: string, body: Record<string, unknown>): void;
}

/**
 * The auditor's daily digests: on each tick of the floor clock, every UTC day that has ended since
 * the last one done is written (the day just ended, or the days a stopped floor slept through).
 * A floor's first tick starts the count: its first day is written at its first midnight, partial.
 * An empty day (nothing audited, nothing booked) is skipped. With a narrator the files are written
 * at once without it, then again with it (or with a note saying why not); `audit.digest_written`
 * follows the final files.
 */
export function dailyDigests(o: Deps): { onTick(now: number): void; onStop(): Promise<void> } {
  let dueAt: number | undefined; // floor ms at which the next day ends
  const pending = new Set<Promise<void>>();

  function finish(d: DigestDay, narrative?: Narrative): void {
    try {
      const paths = writeDigest(o.dir, d, narrative);
      o.publish(subjects.audit("digest_written"), { kind: "digest_written", severity: "info", detail: { date: d.date, markdown: paths.markdown, html: paths.html, pnl: d.floor.pnl } });
    } catch (err) {
      o.log.error({ err, date: d.date }, "daily digest: not written");
      o.publish(subjects.audit("digest_failed"), { kind: "digest_failed", severity: "error", detail: { date: d.date, dir: o.dir, error: String(err) } });
    }
  }

  function digest(date: string): void {
    const d = digestData(o.db, date);
    if (isEmptyDay(d)) return;
    if (!o.narrator) return finish(d);
    writeDigest(o.dir, d); // the numbers are on disk before the model is asked anything
    const p = narrateDigest(d, o.narrator).then((n) => finish(d, n));
    pending.add(p);
    void p.finally(() => pending.delete(p));
  }

  function onTick(now: number): void {
    if (dueAt !== undefined && now < dueAt) return;
    const today = dayOf(now);
    const last = getMeta(o.db, LAST_DIGEST_KEY);
    let day = last === undefined ? today : dayOf(parseDay(last).to);
    if (last === undefined) setMeta(o.db, LAST_DIGEST_KEY, dayBefore(today).date);
    for (; day.to <= now; day = dayOf(day.to)) {
      try {
        digest(day.date);
      } catch (err) {
        o.log.error({ err, date: day.date }, "daily digest: not computed");
        o.publish(subjects.audit("digest_failed"), { kind: "digest_failed", severity: "error", detail: { date: day.date, error: String(err) } });
      }
      setMeta(o.db, LAST_DIGEST_KEY, day.date);
    }
    dueAt = day.to;
  }

  return {
    onTick,
    /** A day that ends as the floor stops (`--until` on a midnight) is written; narratives still out are awaited. */
    async onStop() {
      onTick(o.now());
      await Promise.all(pending);
    },
  };
}
