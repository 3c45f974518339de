import { AckPolicy, DeliverPolicy, JetStreamApiCodes, JetStreamApiError, type ConsumerConfig, type JetStreamManager } from "@nats-io/jetstream";
import { nanos } from "@nats-io/transport-node";

export type DurableStart = "created" | "bound" | "rewound";

/** Messages a durable may have delivered and not yet acknowledged: handled one by one, in order, acknowledged in order. */
export const DURABLE_MAX_ACK_PENDING = 256;

/**
 * Create durable consumer `name` on `stream` for `filter` (full subject) if missing, delivering
 * what is stored from now on (deliver policy "new"); bind it if it exists, resuming after its ack
 * floor. Explicit acks, given in delivery order (DurableAcks), so the ack floor is exactly "all
 * handled up to here".
 *
 * `resumeAfter`, the stream sequence this process last acknowledged (when it has one), is where
 * the consumer must go on from. A consumer holding unacknowledged messages (its process died, or
 * lost its connection, with messages in hand) would redeliver them only when their ack wait runs
 * out, after newer ones; one behind `resumeAfter` (a killed server came back with older consumer
 * state: it writes that behind) would deliver again what was handled. Either is made again from
 * the right message ("rewound"), which keeps stream order. That assumes one holder per durable
 * name, which the names (agent id and route) give.
 */
export async function ensureDurableConsumer(jsm: JetStreamManager, stream: string, name: string, filter: string, ackWaitMs: number, resumeAfter?: number): Promise<DurableStart> {
  const config: Partial<ConsumerConfig> = { durable_name: name, ack_policy: AckPolicy.Explicit, filter_subject: filter, ack_wait: nanos(ackWaitMs), max_ack_pending: DURABLE_MAX_ACK_PENDING, max_deliver: -1 };
  const info = await jsm.consumers.info(stream, name).catch((err: unknown) => {
    if (err instanceof JetStreamApiError && err.code === JetStreamApiCodes.ConsumerNotFound) return undefined;
    throw err;
  });
  if (info && info.config.filter_subject !== filter) {
    throw new Error(`durable consumer ${name} on ${stream} reads ${info.config.filter_subject ?? "everything"}, not ${filter}: give this subscription another durable name, or delete that consumer`);
  }
  const behind = info !== undefined && resumeAfter !== undefined && info.delivered.stream_seq < resumeAfter;
  if (info && info.num_ack_pending === 0 && !behind) return "bound";
  if (!info && resumeAfter === undefined) {
    await jsm.consumers.add(stream, { ...config, deliver_policy: DeliverPolicy.New });
    return "created";
  }
  // From just after what was acknowledged (not past the stream's end: a stream that lost its tail
  // goes on from there), else from just after the ack floor (acks go in order: all below it are done).
  const start = resumeAfter !== undefined ? Math.min(resumeAfter, (await jsm.streams.info(stream)).state.last_seq) + 1 : info!.ack_floor.stream_seq + 1;
  if (info) await jsm.consumers.delete(stream, name);
  await jsm.consumers.add(stream, { ...config, deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: start });
  return info ? "rewound" : "created";
}

/** Errors that trying again will not fix: a refused permission, a consumer of another shape, a 4xx answer of the JetStream API. */
export function durableErrorIsFinal(err: unknown): boolean {
  const e = err as Error & { cause?: unknown };
  if (/permission/i.test(e?.message ?? "") || /permission/i.test((e?.cause as Error | undefined)?.message ?? "")) return true;
  if (e?.message?.startsWith("durable consumer ")) return true;
  return err instanceof JetStreamApiError && err.status >= 400 && err.status < 500 && err.code !== JetStreamApiCodes.ConsumerNotFound;
}
