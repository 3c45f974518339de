import type { CloseVerdict } from "./ReconnectingSocket.ts";
import { LIVE_DATA_CLOSE } from "./liveDataSchemas.ts";

/**
 * What to do when the live-data socket is closed with `code` (docs: live-data overview, "Close
 * Codes and Reconnecting"): 4001 (credentials refused) and 4008 (a policy breach: our bug) are not
 * retried, because retrying cannot fix them and 4001 repeated is a spin against the venue; 4003
 * (server draining) is retried once after a uniform 0–`drainMaxMs` delay; 4002 (slow consumer or
 * missed pongs) and anything else go through the usual backoff.
 */
export function liveDataCloseVerdict(code: number, reason: string, drainMaxMs: number, random: () => number = Math.random): CloseVerdict {
  const why = reason ? `: ${reason}` : "";
  switch (code) {
    case LIVE_DATA_CLOSE.authFailed:
      return { stop: `authentication failed (close 4001${why}): the CLOB API credentials were refused; not reconnecting` };
    case LIVE_DATA_CLOSE.policy:
      return { stop: `policy violation (close 4008${why}): a client bug or a limit breached; not reconnecting blindly` };
    case LIVE_DATA_CLOSE.draining:
      return { delayMs: Math.floor(random() * drainMaxMs), detail: `server draining (close 4003${why}): reconnecting after a random delay` };
    case LIVE_DATA_CLOSE.slowConsumer:
      return { detail: `slow consumer or pong timeout (close 4002${why})` };
    default:
      return undefined;
  }
}
