import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { accessSync, constants } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { createServer, Socket } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { jetstreamManager } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { busAuth, NatsBus, parseBusUrl, type NatsBusOptions } from "../../floor/bus/index.ts";
import { afterEach, describe, it } from "vitest";

/** The NATS server the tests use: `NATS_URL` or the local default. */
export function natsUrl(): string {
  return process.env.NATS_URL || "nats://127.0.0.1:4222";
}

/**
 * The servers the NATS suites run against: the open one (`natsUrl()`) and, from `NATS_AUTH_URL`
 * (e.g. nats://admin:PASSWORD@127.0.0.1:4223, which .ci/run starts with config/nats/floor-auth.conf),
 * one with the documented authorization config. `label` never shows a password.
 */
export function natsTargets(): Array<{ label: string; url: string | null }> {
  const auth = process.env.NATS_AUTH_URL || null;
  return [
    { label: parseBusUrl(natsUrl(), "NATS_URL").display, url: natsUrl() },
    { label: auth ? `${parseBusUrl(auth, "NATS_AUTH_URL").display}, authorization config` : "NATS_AUTH_URL (authorization config)", url: auth },
  ];
}

/** A plain client connection to `url`, with the credentials it carries. */
export function connectRaw(url: string): Promise<NatsConnection> {
  const endpoint = parseBusUrl(url, "url");
  return connect({ servers: [...endpoint.servers], ...busAuth(endpoint, {}).options });
}

/** With `POLYFLOOR_REQUIRE_NATS=1` a missing server or binary fails the run instead of skipping. */
export function natsRequired(): boolean {
  return process.env.POLYFLOOR_REQUIRE_NATS === "1";
}

/** A subject prefix unique to one test, e.g. `t3f9a01c2.` */
export function uniquePrefix(tag = "t"): string {
  return `${tag}${randomBytes(5).toString("hex")}.`;
}

/** True when something accepts TCP connections at the URL's host and port. */
export function natsAvailable(url: string = natsUrl(), timeoutMs = 500): Promise<boolean> {
  const u = new URL(url);
  const port = Number(u.port || 4222);
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("error", () => done(false));
    socket.connect(port, u.hostname, () => done(true));
  });
}

/** `/usr/sbin/nats-server`, else `nats-server` on PATH, else undefined. */
export function natsServerBinary(): string | undefined {
  const candidates = ["/usr/sbin/nats-server", ...(process.env.PATH ?? "").split(delimiter).filter(Boolean).map((d) => join(d, "nats-server"))];
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      // try the next one
    }
  }
  return undefined;
}

/**
 * Register a describe block that needs something external. When `problem` is set the block is
 * skipped with the reason, or — under POLYFLOOR_REQUIRE_NATS=1 — replaced by a failing test.
 */
function describeIf(name: string, problem: string | undefined, fn: () => void): void {
  if (problem === undefined) {
    describe(name, fn);
  } else if (natsRequired()) {
    describe(name, () => {
      it("requires NATS (POLYFLOOR_REQUIRE_NATS=1)", () => {
        throw new Error(`${problem}; POLYFLOOR_REQUIRE_NATS=1 demands it`);
      });
    });
  } else {
    console.warn(`[skip] ${name}: ${problem} (set POLYFLOOR_REQUIRE_NATS=1 to make this fail)`);
    describe.skip(`${name} [skipped: ${problem}]`, fn);
  }
}

/** Why NATS tests cannot run against `url`, or undefined when they can. */
export async function requireNats(url: string = natsUrl()): Promise<string | undefined> {
  return (await natsAvailable(url)) ? undefined : `no NATS server reachable at ${url}`;
}

/** `describe` for tests that need the NATS server at `natsUrl()` (or `url`; null: not configured). Use with top-level await. */
export async function describeNats(name: string, fn: () => void, url: string | null = natsUrl()): Promise<void> {
  describeIf(name, url === null ? "NATS_AUTH_URL is not set" : await requireNats(url), fn);
}

/** `describe` for tests that spawn their own nats-server. */
export function describeNatsServer(name: string, fn: () => void): void {
  describeIf(name, natsServerBinary() ? undefined : "nats-server binary not found (/usr/sbin or PATH)", fn);
}

/**
 * In a describe block: connects a NatsBus to `url` under `prefix`; every bus it made is closed, and
 * its stream deleted, after each test (each stream reserves its max_bytes, 2 GiB, of the server's
 * JetStream storage).
 */
export function natsBusPerTest(url: string): (prefix: string, opts?: Partial<NatsBusOptions>) => Promise<NatsBus> {
  const streams = new Set<string>();
  const open: NatsBus[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((b) => b.close()));
    await dropStreams(url, streams);
    streams.clear();
  });
  return async (prefix, opts = {}) => {
    const b = await NatsBus.connect({ url, prefix, ...opts });
    streams.add(b.streamName);
    open.push(b);
    return b;
  };
}

/** Delete JetStream streams (e.g. the per-prefix `FLOOR_*` streams tests create). Missing ones are ignored. */
export async function dropStreams(url: string, names: Iterable<string>): Promise<void> {
  const list = [...new Set(names)];
  if (list.length === 0) return;
  const nc = await connectRaw(url);
  try {
    const jsm = await jetstreamManager(nc);
    for (const name of list) await jsm.streams.delete(name).catch(() => false);
  } finally {
    await nc.close();
  }
}

export interface NatsServerHandle {
  readonly url: string;
  readonly port: number;
  /** Kill the server and remove its store. */
  stop(): Promise<void>;
  /** Kill the server and start it again on the same port with the same JetStream store. */
  restart(): Promise<void>;
  /** Kill the server, keeping its store, until `up()`: SIGTERM (it shuts down cleanly), or `SIGKILL` (it dies mid-work). */
  down(signal?: "SIGTERM" | "SIGKILL"): Promise<void>;
  /** Start it again on the same port: with the same store, or with an empty one (`emptyStore`). */
  up(opts?: { emptyStore?: boolean }): Promise<void>;
}

export interface NatsServerOptions {
  /** A nats-server config file (`-c`), e.g. config/nats/floor-auth.conf. */
  config?: string;
  /** Extra environment for the server (the config's `$VARIABLES`, e.g. passwords). */
  env?: Record<string, string>;
  /** Extra command-line arguments, e.g. `["--auth", token]`. */
  args?: string[];
}

/** Spawn a private nats-server with JetStream (`-js -sd <tmpdir>`) on a free port, optionally with a config file. */
export async function startNatsServer(opts: NatsServerOptions = {}): Promise<NatsServerHandle> {
  const bin = natsServerBinary();
  if (!bin) throw new Error("nats-server binary not found (/usr/sbin/nats-server or PATH)");
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), "polyfloor-nats-"));
  const url = `nats://127.0.0.1:${port}`;
  const args = [...(opts.config ? ["-c", opts.config] : []), "-a", "127.0.0.1", "-p", String(port), "-js", "-sd", dir, ...(opts.args ?? [])];
  const env = { ...process.env, ...opts.env };
  let proc = await spawnServer(bin, args, url, env);
  const onExit = () => proc.kill("SIGKILL");
  process.once("exit", onExit);
  const handle: NatsServerHandle = {
    url,
    port,
    async stop() {
      process.off("exit", onExit);
      await killServer(proc);
      await rm(dir, { recursive: true, force: true });
    },
    async restart() {
      await handle.down();
      await handle.up();
    },
    async down(signal = "SIGTERM") {
      await killServer(proc, signal);
    },
    async up(opts = {}) {
      if (opts.emptyStore) {
        await rm(dir, { recursive: true, force: true });
        await mkdir(dir);
      }
      proc = await spawnServer(bin, args, url, env);
    },
  };
  return handle;
}

export async function spawnServer(bin: string, args: string[], url: string, env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const proc = spawn(bin, args, { stdio: ["ignore", "ignore", "pipe"], env });
  let log = "";
  proc.stderr?.on("data", (b: Buffer) => {
    log = (log + b.toString()).slice(-4000);
  });
  let exited = false;
  proc.once("exit", () => (exited = true));
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`nats-server exited during startup:\n${log}`);
    if (await natsAvailable(url, 200)) return proc;
    await new Promise((r) => setTimeout(r, 50));
  }
  proc.kill("SIGKILL");
  throw new Error(`nats-server did not accept connections at ${url} within 10 s:\n${log}`);
}

/** SIGTERM (a clean shutdown that flushes JetStream), SIGKILL after 5 s; or SIGKILL at once. */
async function killServer(proc: ChildProcess, signal: "SIGTERM" | "SIGKILL" = "SIGTERM"): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  proc.kill(signal);
  const timer = setTimeout(() => proc.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
