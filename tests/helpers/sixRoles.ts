import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openDb, type Db } from "../../state/index.ts";
import { ledgerHash } from "../../state/ledgerHash.ts";
import { finished, startFloor, type CliResult } from "./floorCli.ts";

/** Every role of a split floor, the clock's leader first: at a first start each waits for its boot turn (floor/runner/BootTurn.ts), whatever the launch order. */
export const SIX_ROLES = ["feed", "traders", "boss", "exchange", "monitor", "auditor"] as const;
export type RoleName = (typeof SIX_ROLES)[number];

type FloorProcess = ReturnType<typeof startFloor>;

export interface SixRoles {
  /** Each role's process, by role. */
  readonly procs: Readonly<Record<RoleName, FloorProcess>>;
  /** Role `role`'s state file. */
  db(role: RoleName): string;
  /** Every process's exit, by role (a process still running after `timeoutMs` is SIGKILLed and rejects). */
  finished(timeoutMs: number): Promise<Record<RoleName, CliResult>>;
  /** The roles whose process has exited (or was killed) so far. */
  exited(): RoleName[];
  /** Each file's ledger hash, by role (undefined for a file that cannot be read yet). */
  ledgerHashes(): Record<RoleName, string | undefined>;
  /** `fn` on role `role`'s file opened read-only; undefined when it is not there or not migrated yet. */
  read<T>(role: RoleName, fn: (db: Db) => T): T | undefined;
  /** What each process has printed so far: all of stderr, the last `stdoutTail` characters of stdout. */
  logs(stdoutTail?: number): string;
  /** Write each process's whole output to `dir/<role>.log`; returns `dir`. */
  keepLogs(dir: string): string;
  /** SIGKILL every process still running (a test's `finally`: a floor waiting on a dead role waits for ever); resolves once all have exited. */
  kill(): Promise<void>;
}

/**
 * Start `floor start --role R` for each of the six roles, each on its own file `<role>.db` in
 * `dir`, with `args` (bus, speed, until, seed…) and `env` added. The shared start of the split
 * floor's tests (roles, SIGTERM per role, the cluster's failover).
 */
export function startSixRoles(o: { dir: { path(name: string): string }; args: readonly string[]; env: NodeJS.ProcessEnv }): SixRoles {
  const db = (role: RoleName) => o.dir.path(`${role}.db`);
  const procs = Object.fromEntries(SIX_ROLES.map((role) => [role, startFloor(["start", "--role", role, "--db", db(role), ...o.args], o.env)])) as Record<RoleName, FloorProcess>;
  const each = <T>(fn: (role: RoleName) => T) => Object.fromEntries(SIX_ROLES.map((r) => [r, fn(r)])) as Record<RoleName, T>;
  const read = <T>(role: RoleName, fn: (d: Db) => T): T | undefined => {
    try {
      const d = openDb(db(role), { readonly: true });
      try {
        return fn(d);
      } finally {
        d.close();
      }
    } catch {
      return undefined; // not there, or not migrated yet
    }
  };
  return {
    procs,
    db,
    read,
    async finished(timeoutMs) {
      const results = await Promise.all(SIX_ROLES.map((r) => finished(procs[r], timeoutMs)));
      return each((r) => results[SIX_ROLES.indexOf(r)]!);
    },
    exited: () => SIX_ROLES.filter((r) => procs[r].exitCode !== null || procs[r].signalCode !== null),
    ledgerHashes: () => each((r) => read(r, ledgerHash)),
    logs: (tail = 2000) => SIX_ROLES.map((r) => `--- ${r} (exit ${procs[r].exitCode ?? procs[r].signalCode ?? "running"})\n${procs[r].output.stdout.slice(-tail)}\n--- ${r} stderr\n${procs[r].output.stderr}`).join("\n"),
    keepLogs(dir) {
      mkdirSync(dir, { recursive: true });
      for (const r of SIX_ROLES) writeFileSync(join(dir, `${r}.log`), `${procs[r].output.stdout}\n--- stderr\n${procs[r].output.stderr}`);
      return dir;
    },
    async kill() {
      const running = SIX_ROLES.map((r) => procs[r]).filter((p) => p.exitCode === null && p.signalCode === null);
      const exited = running.map((p) => new Promise<void>((resolve) => p.once("exit", () => setImmediate(resolve)))); // the pipes drained
      for (const p of running) p.kill("SIGKILL");
      await Promise.all(exited);
    },
  };
}
