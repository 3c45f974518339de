import { randomBytes } from "node:crypto";
import { linkSync, readFileSync, renameSync, unlinkSync } from "node:fs";

const code = (e: unknown) => (e as NodeJS.ErrnoException).code;

/**
 * Remove a stale lock only if it is still the one judged stale: it is renamed aside (atomic, so of
 * two floors taking over at once only one moves it) and checked; a lock that another floor took
 * meanwhile is linked back.
 */
export function removeIfUnchanged(path: string, stale: string): boolean {
  const aside = `${path}.stale.${process.pid}.${randomBytes(4).toString("hex")}`;
  try {
    renameSync(path, aside);
  } catch (e) {
    if (code(e) === "ENOENT") return false;
    throw e;
  }
  const moved = readFileSync(aside, "utf8");
  if (moved !== stale) {
    try {
      linkSync(aside, path);
    } catch {
      // Three floors at once over a stale lock, and a third locked meanwhile: it holds the lock now.
    }
  }
  unlinkSync(aside);
  return moved === stale;
}
