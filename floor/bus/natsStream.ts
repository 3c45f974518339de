import {
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

/** Subject families the floor keeps durably (relative to the bus prefix). */
export const STORED_SUBJECTS = ["order.>", "audit.>"] as const;

/** The leading tokens of STORED_SUBJECTS ("order.", "audit."): a subject is stored when it starts with one and goes on. */
const STORED_STEMS = STORED_SUBJECTS.map((s) => s.slice(0, -1));

/** True when the stream captures `subject` (relative to the bus prefix), i.e. it matches one of STORED_SUBJECTS. */
export function isStoredSubject(subject: string): boolean {
  return STORED_STEMS.some((stem) => subject.length > stem.length && subject.startsWith(stem));
}

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

/** Create the stream if missing; if it exists, add any of `subjects` it lacks and apply the limits. Returns its last sequence (0 when created). */
export async function ensureStream(nc: NatsConnection, name: string, subjects: string[], url: string): Promise<number> {
  let jsm;
  try {
    jsm = await jetstreamManager(nc);
  } catch (err) {
    throw new Error(`JetStream is not available on ${url} (start nats-server with -js): ${(err as Error).message}`, { cause: err });
  }
  try {
    const si = await jsm.streams.info(name);
    const have = si.config.subjects ?? [];
    const missing = subjects.filter((s) => !have.includes(s));
    const unbounded = si.config.max_age !== STREAM_LIMITS.max_age || si.config.max_bytes !== STREAM_LIMITS.max_bytes;
    if (missing.length > 0 || unbounded) await jsm.streams.update(name, { ...si.config, ...STREAM_LIMITS, subjects: [...have, ...missing] });
    return si.state.last_seq;
  } catch (err) {
    if (!(err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamNotFound)) throw err;
    await jsm.streams.add({ name, subjects, storage: StorageType.File, retention: RetentionPolicy.Limits, ...STREAM_LIMITS });
    return 0;
  }
}

export async function streamMessageCount(nc: NatsConnection, name: string): Promise<number> {
  const jsm = await jetstreamManager(nc, { checkAPI: false });
  return (await jsm.streams.info(name)).state.messages;
}

/** Every stored message on `filter` (full subject, wildcards allowed), oldest first, via an ordered consumer. */
export async function readStream(nc: NatsConnection, name: string, filter: string): Promise<StoredMessage[]> {
  const consumer = await jetstream(nc).consumers.get(name, { filter_subjects: filter });
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
