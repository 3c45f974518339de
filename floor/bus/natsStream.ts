import {
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  JetStreamApiCodes,
  JetStreamApiError,
  PubHeaders,
  RetentionPolicy,
  StorageType,
} from "@nats-io/jetstream";
import { nanos, type NatsConnection } from "@nats-io/transport-node";

/** Bounds on what the stream keeps, so an unattended floor cannot fill the server's disk. */
export const STREAM_LIMITS = { max_age: nanos(14 * 24 * 3600 * 1000), max_bytes: 2 * 1024 ** 3 } as const;

export interface StoredMessage {
  subject: string;
  data: string;
  seq: number;
  /** The `Nats-Msg-Id` it was published with (the stream de-duplicates on it), if any. */
  msgId?: string;
}

/** `FLOOR` without a prefix, else `FLOOR_<prefix with anything but [A-Za-z0-9_-] as _>`. */
export function streamNameFor(prefix: string): string {
  const p = prefix.replace(/\.+$/, "");
  return p === "" ? "FLOOR" : `FLOOR_${p.replace(/[^A-Za-z0-9_-]/g, "_")}`;
}

/**
 * Create the stream with `replicas` copies if missing; if it exists, add any of `subjects` it
 * lacks and apply the limits. A stream kept with another number of replicas is an error saying
 * so (changing it is the operator's call). Returns its last sequence (0 when created).
 */
export async function ensureStream(nc: NatsConnection, name: string, subjects: string[], url: string, replicas = 1): Promise<number> {
  let jsm;
  try {
    jsm = await jetstreamManager(nc);
  } catch (err) {
    throw new Error(`JetStream is not available on ${url} (start nats-server with -js): ${(err as Error).message}`, { cause: err });
  }
  try {
    const si = await jsm.streams.info(name);
    const has = si.config.num_replicas || 1;
    if (has !== replicas) throw new StreamReplicasError(`JetStream stream ${name} on ${url} keeps ${has} replica(s), the bus asks for ${replicas} (bus.replicas): set bus.replicas to ${has}, or change the stream (nats stream edit ${name} --replicas ${replicas}) or delete it`);
    const have = si.config.subjects ?? [];
    const missing = subjects.filter((s) => !have.includes(s));
    const unbounded = si.config.max_age !== STREAM_LIMITS.max_age || si.config.max_bytes !== STREAM_LIMITS.max_bytes;
    if (missing.length > 0 || unbounded) await jsm.streams.update(name, { ...si.config, ...STREAM_LIMITS, subjects: [...have, ...missing] });
    return si.state.last_seq;
  } catch (err) {
    if (!(err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamNotFound)) throw err;
  }
  try {
    await jsm.streams.add({ name, subjects, storage: StorageType.File, retention: RetentionPolicy.Limits, num_replicas: replicas, ...STREAM_LIMITS });
  } catch (err) {
    // A single server (or too small a cluster) answers R3 with "insufficient resources".
    if (replicas > 1) throw new Error(`cannot create JetStream stream ${name} with ${replicas} replicas on ${url} (it needs a cluster of at least ${replicas} JetStream servers): ${(err as Error).message}`, { cause: err });
    throw err;
  }
  return 0;
}

/** The stream exists with another number of replicas than the bus asks for. */
export class StreamReplicasError extends Error {}

export async function streamMessageCount(nc: NatsConnection, name: string): Promise<number> {
  const jsm = await jetstreamManager(nc, { checkAPI: false });
  return (await jsm.streams.info(name)).state.messages;
}

/** Every stored message on `filter` (full subject, wildcards allowed) from stream sequence `fromSeq` (the first when absent), oldest first, via an ordered consumer. */
export async function readStream(nc: NatsConnection, name: string, filter: string, fromSeq?: number): Promise<StoredMessage[]> {
  const from = fromSeq === undefined ? {} : { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: fromSeq };
  const consumer = await jetstream(nc).consumers.get(name, { filter_subjects: filter, ...from });
  const out: StoredMessage[] = [];
  try {
    let remaining = (await consumer.info(true)).num_pending;
    while (remaining > 0) {
      const batch = await consumer.fetch({ max_messages: Math.min(remaining, 1000), expires: 5000 });
      let got = 0;
      for await (const m of batch) {
        const msgId = m.headers?.get(PubHeaders.MsgIdHdr);
        out.push({ subject: m.subject, data: m.string(), seq: m.seq, ...(msgId ? { msgId } : {}) });
        got++;
      }
      if (got === 0) break;
      remaining -= got;
    }
  } finally {
    await consumer.delete().catch(() => undefined);
  }
  return out;
}

/**
 * The stream sequence of the first message on `full` (no wildcards) that `wanted` accepts, by
 * bisection: `wanted` must hold from some message on to the last (a journal's "holds rows past
 * n"). Undefined when no message on it does. About 2 log2(stream length) round trips, however long
 * the stream: a replica catching up after a reconnect read the whole journal otherwise, which after
 * days of a floor took minutes and wedged it.
 */
export async function seekStream(nc: NatsConnection, name: string, full: string, wanted: (data: string) => boolean): Promise<number | undefined> {
  const jsm = await jetstreamManager(nc, { checkAPI: false });
  const last = await jsm.streams.getMessage(name, { last_by_subj: full });
  if (last === null || !wanted(last.string())) return undefined;
  const js = jetstream(nc);
  // The first message on `full` at or after stream sequence `seq` (there is one: the last is after it).
  const firstFrom = async (seq: number) => {
    const c = await js.consumers.get(name, { filter_subjects: full, deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: seq });
    try {
      const m = await c.next({ expires: 5000 });
      if (!m) throw new Error(`no message on ${full} from stream sequence ${seq}, though its last is ${last.seq}`);
      return { seq: m.seq, data: m.string() };
    } finally {
      await c.delete().catch(() => undefined);
    }
  };
  let found = last.seq; // the earliest message known to be wanted
  let lo = 1;
  let hi = last.seq - 1; // where an earlier one may be
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2);
    const m = await firstFrom(mid);
    if (m.seq < found && wanted(m.data)) found = m.seq;
    // The first at or after mid wanted (or none before `found`): any earlier one is before mid. Not wanted: nor is any before it.
    if (m.seq >= found) hi = mid - 1;
    else lo = m.seq + 1;
  }
  return found;
}

/** The data of the last message the stream keeps on `full` (no wildcards), undefined when none. */
export async function lastOnSubject(nc: NatsConnection, name: string, full: string): Promise<string | undefined> {
  const jsm = await jetstreamManager(nc, { checkAPI: false });
  const m = await jsm.streams.getMessage(name, { last_by_subj: full });
  return m === null ? undefined : m.string();
}
