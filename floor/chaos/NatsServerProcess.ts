import { spawn, type ChildProcess } from "node:child_process";
import { accessSync, constants, createWriteStream } from "node:fs";
import { createServer, Socket } from "node:net";
import { delimiter, join } from "node:path";

/** nats-server from PATH, else /usr/sbin/nats-server; undefined when neither is there. */
export function natsServerBinary(path = process.env.PATH ?? ""): string | undefined {
  for (const c of [...path.split(delimiter).filter(Boolean).map((d) => join(d, "nats-server")), "/usr/sbin/nats-server"]) {
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      // the next one
    }
  }
  return undefined;
}

/** A loopback TCP port nothing listens on at the moment. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().once("error", reject).listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = new Socket();
    const done = (ok: boolean) => (s.destroy(), resolve(ok));
    s.setTimeout(200, () => done(false)).once("error", () => done(false)).connect(port, "127.0.0.1", () => done(true));
  });
}

/**
 * The chaos run's private nats-server with JetStream: on one loopback port and one store folder
 * for its whole life, so a restart (SIGKILL, then start) brings back the same server with what its
 * stream had stored. Its stderr goes to `logDir/nats.<n>.log`, one file per incarnation.
 */
export class NatsServerProcess {
  private proc: ChildProcess | undefined;
  private n = 0;
  /** Incarnations that exited without being killed or stopped by us (a crash: the run must say so). */
  readonly unplannedExits: Array<{ incarnation: number; code: number | null; signal: NodeJS.Signals | null }> = [];
  private planned = false;

  private constructor(readonly bin: string, readonly port: number, private readonly storeDir: string, private readonly logDir: string) {}

  static async start(o: { storeDir: string; logDir: string }): Promise<NatsServerProcess> {
    const bin = natsServerBinary();
    if (!bin) throw new Error("nats-server not found on PATH nor at /usr/sbin/nats-server");
    const server = new NatsServerProcess(bin, await freePort(), o.storeDir, o.logDir);
    await server.up();
    return server;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  /** Start it (again) and resolve once it accepts connections. */
  async up(): Promise<void> {
    const log = createWriteStream(join(this.logDir, `nats.${++this.n}.log`));
    const proc = spawn(this.bin, ["-a", "127.0.0.1", "-p", String(this.port), "-js", "-sd", this.storeDir], { stdio: ["ignore", "ignore", "pipe"] });
    proc.stderr!.pipe(log);
    this.proc = proc;
    this.planned = false;
    const n = this.n;
    const orphaned = () => proc.kill("SIGKILL");
    process.once("exit", orphaned);
    proc.once("exit", (code, signal) => {
      process.off("exit", orphaned);
      if (!this.planned) this.unplannedExits.push({ incarnation: n, code, signal });
    });
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      if (proc.exitCode !== null) throw new Error(`nats-server exited at start (code ${proc.exitCode}): see ${join(this.logDir, `nats.${this.n}.log`)}`);
      if (await accepts(this.port)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`nats-server did not accept connections on port ${this.port} within 15 s`);
  }

  /** The current incarnation's process id. */
  get pid(): number | undefined {
    return this.proc?.pid;
  }

  /** Whether the current incarnation is alive. */
  get running(): boolean {
    return this.proc !== undefined && this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** SIGKILL: no flush, no goodbye to its clients. Resolves once it is gone. */
  kill(): Promise<void> {
    this.planned = true;
    return stopProcess(this.proc, "SIGKILL");
  }

  /** A clean stop at the end of the run. */
  stop(): Promise<void> {
    this.planned = true;
    return stopProcess(this.proc, "SIGTERM");
  }
}

/** Send `signal` (SIGKILL after 5 s if it lingers) and resolve once the process has exited. */
export function stopProcess(proc: ChildProcess | undefined, signal: NodeJS.Signals): Promise<void> {
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => proc.kill("SIGKILL"), 5000);
    proc.once("exit", () => (clearTimeout(timer), resolve()));
    proc.kill(signal);
  });
}
