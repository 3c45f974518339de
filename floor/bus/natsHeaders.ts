import { headers, type MsgHdrs } from "@nats-io/transport-node";

/** Headers that let an instance recognise its own messages (for `idle()`): its id and one number per send. */
export const ORIGIN = "Floor-Origin";
export const SEQ = "Floor-Seq";
/** A publish's causal mark (PublishOptions.after). */
export const AFTER = "Floor-After";
/** On outbox publishes only: the publish number, the same on every retry (for the repeat filter). */
export const PUB = "Floor-Pub";

/** Fresh headers naming the sending instance (`origin`) and the send's number. */
export function stampHeaders(origin: string, seq: number): MsgHdrs {
  const hdrs = headers();
  hdrs.set(ORIGIN, origin);
  hdrs.set(SEQ, String(seq));
  return hdrs;
}
