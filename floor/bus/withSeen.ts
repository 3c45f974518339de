import type { Handler } from "./Bus.ts";
import { envelopeId } from "./envelopeId.ts";
import type { SeenStore } from "./SeenIds.ts";

/**
 * `handler`, skipping a message whose envelope id `seen` has, and adding the id once the handler
 * settled (threw or rejected included: a failed message counts as handled, as a durable acks it).
 * Messages that are not envelopes pass through unchecked.
 */
export function withSeen(handler: Handler, seen: SeenStore): Handler {
  return (msg) => {
    const id = envelopeId(msg.data);
    if (id === undefined) return handler(msg);
    if (seen.has(id)) return;
    let result: void | Promise<void>;
    try {
      result = handler(msg);
    } catch (err) {
      seen.add(id);
      throw err;
    }
    if (result && typeof result.then === "function") return result.finally(() => seen.add(id));
    seen.add(id);
  };
}
