import type { ChildProcess } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { jetstreamManager } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import type { NatsBus, StoredMessage } from "../../floor/bus/index.ts";
import { retryJetStream } from "../../floor/bus/jetStreamRetry.ts";
import { afterAll, beforeAll } from "vitest";
import { freePort } from "./freePort.ts";
import { tmpDir } from "./tmp.ts";
import { natsServerBinary, spawnServer } from "./nats.ts";

export interface ClusterNode {
  /** `n1`, `n2`, `n3`: the node's server_name. */
  readonly name: string;
  readonly port: number;
  readonly url: string;
  /** False after `kill` until `start`. */
  readonly up: boolean;
}

export interface NatsClusterHandle {
  readonly nodes: readonly ClusterNode[];
  /** Every node's client URL, comma-separated: what `--bus` takes for a cluster. */
  readonly urls: string;
  /** The node serving client port `port`. */
  node(port: number): ClusterNode;
  /** SIGKILL a node (its store stays), as a crashed host would die. */
  kill(name: string): Promise<void>;
  /** Start a killed node again with its store. */
  start(name: string): Promise<void>;
  /** Kill every node and remove the stores. */
  stop(): Promise<void>;
}

interface Node extends ClusterNode {
  up: boolean;
  proc?: ChildProcess;
  args: string[];
}

/**
 * Start `size` nats-server nodes clustered on loopback, each with JetStream and its own store
 * under one tmp dir, routes to every other node; resolves once the cluster has a JetStream meta
 * leader (the JetStream API answers), so an R3 stream can be created at once.
 */
export async function startNatsCluster(size = 3): Promise<NatsClusterHandle> {
  const bin = natsServerBinary();
  if (!bin) throw new Error("nats-server binary not found (/usr/sbin/nats-server or PATH)");
  const dir = await mkdtemp(join(tmpdir(), "polyfloor-cluster-"));
  const ports = await distinctPorts(2 * size);
  const routes = ports.slice(size).map((p) => `nats-route://127.0.0.1:${p}`);
  const nodes: Node[] = [];
  for (let i = 0; i < size; i++) {
    const name = `n${i + 1}`;
    const port = ports[i]!;
    const store = join(dir, name);
    await mkdir(store);
    const conf = join(dir, `${name}.conf`);
    await writeFile(
      conf,
      [
        `server_name: ${name}`,
        `listen: 127.0.0.1:${port}`,
        `jetstream { store_dir: ${JSON.stringify(store)} }`,
        `cluster { name: polyfloor, listen: 127.0.0.1:${ports[size + i]}, routes: [ ${routes.filter((_, j) => j !== i).join(", ")} ] }`,
      ].join("\n") + "\n",
    );
    nodes.push({ name, port, url: `nats://127.0.0.1:${port}`, up: false, args: ["-c", conf] });
  }
  const env = { ...process.env };
  const start = async (n: Node) => {
    n.proc = await spawnServer(bin, n.args, n.url, env);
    n.up = true;
  };
  const killNode = async (n: Node) => {
    const p = n.proc;
    n.up = false;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => p.once("exit", () => resolve()));
    p.kill("SIGKILL");
    await exited;
  };
  const onExit = () => nodes.forEach((n) => n.proc?.kill("SIGKILL"));
  process.once("exit", onExit);
  const handle: NatsClusterHandle = {
    nodes,
    urls: nodes.map((n) => n.url).join(","),
    node: (port) => find(nodes, (n) => n.port === port, `no node on port ${port}`),
    kill: (name) => killNode(find(nodes, (n) => n.name === name, `no node ${name}`)),
    start: (name) => start(find(nodes, (n) => n.name === name, `no node ${name}`)),
    async stop() {
      process.off("exit", onExit);
      await Promise.all(nodes.map(killNode));
      await rm(dir, { recursive: true, force: true });
    },
  };
  try {
    await Promise.all(nodes.map(start));
    await waitForMetaLeader(handle.urls);
  } catch (err) {
    await handle.stop();
    throw err;
  }
  return handle;
}

/** Poll `$JS.API.INFO` (account info) until the cluster's JetStream answers: it has elected a meta leader. */
export async function waitForMetaLeader(urls: string, timeoutMs = 20_000): Promise<void> {
  const nc = await connect({ servers: urls.split(",").map((u) => u.replace("nats://", "")) });
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  try {
    while (Date.now() < deadline) {
      try {
        const jsm = await jetstreamManager(nc, { timeout: 1000 });
        await jsm.getAccountInfo();
        return;
      } catch (err) {
        last = err;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    throw new Error(`the NATS cluster at ${urls} elected no JetStream meta leader within ${timeoutMs} ms: ${(last as Error | undefined)?.message}`);
  } finally {
    await nc.close();
  }
}

function find(nodes: Node[], pred: (n: Node) => boolean, what: string): Node {
  const n = nodes.find(pred);
  if (!n) throw new Error(what);
  return n;
}

/** `count` free loopback ports, all different (freePort alone may hand out one twice). */
async function distinctPorts(count: number): Promise<number[]> {
  const out = new Set<number>();
  while (out.size < count) out.add(await freePort());
  return [...out];
}

/**
 * The bus's stored messages on `filter`, retried as the floor retries its own JetStream requests
 * (retryJetStream, up to a minute) while the cluster is still electing leaders after a node died:
 * creating the reading consumer times out until they are back. 20 s was once not enough in CI.
 */
export function storedOnceReady(bus: NatsBus, filter: string): Promise<StoredMessage[]> {
  return retryJetStream(`reading ${filter} from the stream after the failover`, () => bus.streamMessages(filter), { clustered: true });
}

/**
 * In a describe block: a three-node cluster started before its tests and a temp folder, both
 * removed after. `cluster()` is the running cluster.
 */
export function clusterAndTmp(tag: string): { cluster(): NatsClusterHandle; tmp: ReturnType<typeof tmpDir> } {
  const tmp = tmpDir(tag);
  let cluster: NatsClusterHandle | undefined;
  beforeAll(async () => {
    cluster = await startNatsCluster(3);
  }, 30_000);
  afterAll(async () => {
    await cluster?.stop();
    tmp.remove();
  });
  return { cluster: () => cluster!, tmp };
}
