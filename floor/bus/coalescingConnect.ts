import type { ConnectionOptions, NatsConnection } from "@nats-io/transport-node";
import { NatsConnectionImpl, setTransportFactory } from "@nats-io/transport-node/lib/nats-base-client.js";
import { NodeTransport, nodeResolveHost } from "@nats-io/transport-node/lib/node_transport.js";

/**
 * A NodeTransport whose writes within one turn of the event loop go out as one: nats.js writes its
 * outbound buffer at every microtask that published, so a durable handling's publish, its ack and
 * the journal's row went out as separate syscalls, the largest single cost of a split floor's
 * processes (a profile's `writeBuffer`, 11-22% of each role's CPU). Corked until setImmediate, they
 * leave in one writev at the end of the turn, in the same order.
 */
export class CoalescingTransport extends NodeTransport {
  private corked = false;

  override send(frame: Uint8Array): void {
    const socket = this.socket as NodeTransport["socket"] | undefined;
    if (socket && !this.corked) {
      this.corked = true;
      socket.cork();
      setImmediate(() => {
        this.corked = false;
        socket.uncork();
      });
    }
    super.send(frame);
  }
}

/**
 * transport-node's `connect` with the CoalescingTransport. The factory is process-wide and read at
 * each (re)connect, so it is set again on every call: another `connect` meanwhile (a test's plain
 * client) only costs this connection its coalescing on a later reconnect, never a message.
 */
export function coalescingConnect(opts: ConnectionOptions): Promise<NatsConnection> {
  setTransportFactory({ factory: () => new CoalescingTransport(), dnsResolveFn: nodeResolveHost });
  return NatsConnectionImpl.connect(opts);
}
