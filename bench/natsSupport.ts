import { randomBytes } from "node:crypto";
import { jetstreamManager } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import { NatsBus } from "../floor/bus/index.ts";

/** The NATS server the bench uses: `NATS_URL` or the local default. */
export function natsUrl(): string {
  return process.env.NATS_URL || "nats://127.0.0.1:4222";
}

/** A subject prefix no other bench (or floor, or test) uses, e.g. `bench-floor-3f9a01c2.` */
export function uniquePrefix(tag: string): string {
  return `bench-${tag}-${randomBytes(4).toString("hex")}.`;
}

/** Connect a NatsBus, or say why not (the bench records `null` and the reason instead of crashing). */
export async function tryNatsBus(url: string, prefix: string): Promise<{ bus: NatsBus } | { reason: string }> {
  try {
    return { bus: await NatsBus.connect({ url, prefix, name: "polyfloor-bench" }) };
  } catch (err) {
    return { reason: (err as Error).message };
  }
}

/**
 * Close the bus, then delete the per-prefix JetStream stream NatsBus.connect created
 * (`FLOOR_<prefix>`, see natsStream.ts streamNameFor), so benches leave nothing behind.
 */
export async function closeAndDropStream(url: string, bus: NatsBus): Promise<void> {
  await bus.close();
  const nc = await connect({ servers: url, name: "polyfloor-bench-cleanup" });
  try {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(bus.streamName).catch(() => false);
  } finally {
    await nc.close();
  }
}
