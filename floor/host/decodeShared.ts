import { decode, type Decoded } from "../../protocols/index.ts";
import { internIds } from "./internIds.ts";

let last: { subject: string; data: string; result: Decoded } | undefined;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * `decode`, shared by the agents of one process: a bus delivers a message to all its
 * subscribers in a row, so the last result is reused when the same message comes again
 * (one parse and validation per message, not per subscriber). Results are deep-frozen:
 * no agent can change what another one sees. Their ids are interned (internIds.ts).
 */
export function decodeShared(subject: string, data: string): Decoded {
  if (last !== undefined && last.data === data && last.subject === subject) return last.result;
  const result = decode(subject, data);
  if (result.ok) {
    internIds(result.msg as Record<string, unknown>);
    deepFreeze(result.msg);
  }
  last = { subject, data, result };
  return result;
}
