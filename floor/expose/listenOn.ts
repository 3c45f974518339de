import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

/** Why a bind failed, in words; the code stays for scripts. */
const REASONS: Record<string, string> = {
  EADDRINUSE: "is already in use",
  EADDRNOTAVAIL: "is not an address of this machine",
  EACCES: "needs privileges (a port below 1024?)",
  ENOTFOUND: "names an unknown host",
  EAI_AGAIN: "names a host that could not be resolved",
};

/** Bind `server`; a failure rejects with one line naming `what` and the address. */
export function listenOn(server: Server, what: string, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once("error", (e: NodeJS.ErrnoException) => {
      const at = `${host.includes(":") ? `[${host}]` : host}:${port}`;
      reject(new Error(`${what} not started: ${at} ${REASONS[e.code ?? ""] ?? `cannot be bound: ${e.message}`}${e.code ? ` (${e.code})` : ""}`));
    });
    server.listen(port, host, () => resolve(server.address() as AddressInfo));
  });
}

/** The address to show for a server bound to `host`. */
export function urlOf(host: string, port: number): string {
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}/`;
}
