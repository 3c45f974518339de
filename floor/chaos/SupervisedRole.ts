import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { stopProcess } from "./NatsServerProcess.ts";

/** How one role's processes ended: the last one's exit, and every death the harness did not cause. */
export interface RoleOutcome {
  role: string;
  incarnations: number;
  /** Deaths the harness did not cause (crashes, non-zero exits), each restarted unless the role gave up. */
  unplannedDeaths: Array<{ incarnation: number; code: number | null; signal: string | null }>;
  /** The last incarnation's exit. */
  last: { code: number | null; signal: string | null };
  /** It died more than `maxDeaths` times on its own and was not started again. */
  gaveUp: boolean;
}

export interface SupervisedRoleOptions {
  role: string;
  /** `node` and its arguments. */
  command: string;
  args: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Each incarnation's stdout and stderr go to `<logDir>/<role>.<n>.out|.err`. */
  logDir: string;
  /** Wait before starting a dead role again, as supervisord's backoff would. */
  restartDelayMs?: number;
  maxDeaths?: number;
}

/**
 * One role's process, brought back whenever it dies (~200 ms later, the same command) until an
 * incarnation exits 0 (the run is over for it), it is stopped, or it died too often on its own.
 */
export class SupervisedRole {
  private proc: ChildProcess | undefined;
  private n = 0;
  private planned = false;
  private stopped = false;
  private readonly deaths: RoleOutcome["unplannedDeaths"] = [];
  /** When each incarnation printed "running". */
  private readonly runningAt = new Map<number, number>();
  private finished = false;
  private readonly waiters: Array<{ after: number; resolve: (at: number | null) => void }> = [];
  private resolveDone!: (o: RoleOutcome) => void;
  /** Resolves once no incarnation will follow. */
  readonly done = new Promise<RoleOutcome>((r) => (this.resolveDone = r));

  constructor(private readonly o: SupervisedRoleOptions) {}

  get role(): string {
    return this.o.role;
  }

  get incarnation(): number {
    return this.n;
  }

  /** Start the first incarnation; resolves when it prints "running" (null: it exited first). */
  start(): Promise<number | null> {
    this.spawnNext();
    return this.runningAfter(0);
  }

  /** Wall time (Date.now()) at which an incarnation later than `n` printed "running"; null if none will. */
  runningAfter(n: number): Promise<number | null> {
    const seen = [...this.runningAt].find(([m]) => m > n);
    if (seen) return Promise.resolve(seen[1]);
    if (this.finished) return Promise.resolve(null);
    return new Promise((resolve) => this.waiters.push({ after: n, resolve }));
  }

  /** SIGKILL the current incarnation (a planned death: it is brought back). Returns its number. */
  kill(): number {
    this.planned = true;
    this.proc?.kill("SIGKILL");
    return this.n;
  }

  /** SIGTERM, and no more incarnations. */
  async stop(): Promise<void> {
    this.stopped = true;
    await stopProcess(this.proc, "SIGTERM");
  }

  private spawnNext(): void {
    const n = ++this.n;
    const base = join(this.o.logDir, `${this.o.role}.${n}`);
    const proc = spawn(this.o.command, [...this.o.args], { cwd: this.o.cwd, env: this.o.env, stdio: ["ignore", "pipe", "pipe"] });
    this.proc = proc;
    proc.stdout!.pipe(createWriteStream(`${base}.out`));
    proc.stderr!.pipe(createWriteStream(`${base}.err`));
    let seen = "";
    proc.stdout!.on("data", (b: Buffer) => {
      if (seen === "running") return;
      seen = (seen + b.toString()).slice(-4096);
      if (/^running/m.test(seen)) {
        seen = "running";
        this.runningAt.set(n, Date.now());
        this.settle((w) => w.after < n, Date.now());
      }
    });
    // The harness ending (or crashing) takes its children with it.
    const orphaned = () => proc.kill("SIGKILL");
    process.once("exit", orphaned);
    proc.once("exit", (code, signal) => {
      process.off("exit", orphaned);
      this.exited(n, code, signal);
    });
  }

  private exited(n: number, code: number | null, signal: NodeJS.Signals | null): void {
    const planned = this.planned;
    this.planned = false;
    if (!planned && code !== 0) this.deaths.push({ incarnation: n, code, signal });
    const gaveUp = this.deaths.length > (this.o.maxDeaths ?? 10);
    const finish = () => {
      this.finished = true;
      this.settle(() => true, null);
      this.resolveDone({ role: this.o.role, incarnations: n, unplannedDeaths: [...this.deaths], last: { code, signal }, gaveUp });
    };
    if (code === 0 || this.stopped || gaveUp) return finish();
    setTimeout(() => (this.stopped ? finish() : this.spawnNext()), this.o.restartDelayMs ?? 200);
  }

  private settle(which: (w: { after: number }) => boolean, at: number | null): void {
    for (const w of this.waiters.filter(which)) {
      this.waiters.splice(this.waiters.indexOf(w), 1);
      w.resolve(at);
    }
  }
}
