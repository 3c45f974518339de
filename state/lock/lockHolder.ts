import { readFileSync } from "node:fs";
import { hostname } from "node:os";
import { LockHolder } from "../../protocols/lockFile.ts";

const readOr = (path: string): string | undefined => {
  try {
    return readFileSync(path, "utf8").trim();
  } catch {
    return undefined;
  }
};

/** Field 22 of /proc/PID/stat (after the parenthesised name, which may hold spaces). */
function startTicksOf(pid: number): number | undefined {
  const stat = readOr(`/proc/${pid}/stat`);
  const fields = stat?.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields?.[19]);
  return Number.isSafeInteger(ticks) ? ticks : undefined;
}

/** A command line as a lock file may keep it: URL credentials (`--bus nats://user:password@…`) become `***`. */
export function redactCommand(command: string): string {
  return command.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^@\s/]+@/gi, "$1***@");
}

/** This process as a lock holder. */
export function currentHolder(command: string): LockHolder {
  const bootId = readOr("/proc/sys/kernel/random/boot_id");
  const startTicks = startTicksOf(process.pid);
  return { pid: process.pid, host: hostname(), ...(bootId ? { bootId } : {}), ...(startTicks !== undefined ? { startTicks } : {}), startedAt: new Date().toISOString(), command: redactCommand(command) };
}

/**
 * Whether a holder may still be running. A holder on another host cannot be checked, so it counts
 * as alive. On this host it is gone when the machine rebooted since, when no process has its pid,
 * or when the process with its pid started at another time (the pid was reused, as in a container
 * that restarts its floor under the same pid).
 */
export function holderAlive(h: LockHolder): boolean {
  if (h.host !== hostname()) return true;
  const bootId = readOr("/proc/sys/kernel/random/boot_id");
  if (h.bootId && bootId && h.bootId !== bootId) return false;
  try {
    process.kill(h.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ESRCH") return false;
  }
  const ticks = startTicksOf(h.pid);
  return !(h.startTicks !== undefined && ticks !== undefined && ticks !== h.startTicks);
}

/** The holder a lock file names, or undefined when its text is not one. */
export function parseHolder(text: string): LockHolder | undefined {
  try {
    const r = LockHolder.safeParse(JSON.parse(text));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}
