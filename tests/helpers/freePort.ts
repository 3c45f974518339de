import { connect, createServer } from "node:net";
import { networkInterfaces } from "node:os";

/** A TCP port nothing listens on at the moment. */
export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** One IPv4 address of this machine that is not loopback (where the network would reach it), if any. */
export function externalAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === "IPv4" && !a.internal)?.address;
}

/** Resolve true if a TCP connection to host:port is accepted, false if it is refused. */
export function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host, port })
      .once("connect", () => {
        s.destroy();
        resolve(true);
      })
      .once("error", () => resolve(false));
  });
}
