import type { IncomingMessage, ServerResponse } from "node:http";
import type { EventRing } from "./EventRing.ts";

export interface SseOptions {
  /** Wall ms between heartbeat comments (a proxy closes a silent connection). */
  heartbeatMs?: number;
  /** A client whose unsent bytes exceed this is dropped: a slow reader never holds the floor back. */
  maxBufferBytes?: number;
}

/** One server-sent event: its number as `id` (so EventSource resumes with Last-Event-ID), its JSON as `data`. */
export const sseFrame = (seq: number, line: string) => `id: ${seq}\ndata: ${line}\n\n`;

/**
 * The clients of `/api/stream`. Each new one gets what the ring holds after its Last-Event-ID
 * (or `?since=`), then every event as it is pushed. Writes never wait: a client whose buffer
 * passes the limit is closed and counted (`dropped`); it may reconnect and resume.
 */
export class SseHub {
  private readonly clients = new Set<ServerResponse>();
  private readonly beat: NodeJS.Timeout;
  private readonly maxBuffer: number;
  dropped = 0;

  constructor(private readonly ring: EventRing, o: SseOptions = {}) {
    this.maxBuffer = o.maxBufferBytes ?? 1 << 20;
    this.beat = setInterval(() => this.send(": heartbeat\n\n"), o.heartbeatMs ?? 15_000);
    this.beat.unref();
  }

  get size(): number {
    return this.clients.size;
  }

  /** Take a client: `after` is the last event it has (from Last-Event-ID or `?since=`). */
  open(req: IncomingMessage, res: ServerResponse, after: number | undefined): void {
    res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", connection: "keep-alive", "x-accel-buffering": "no" });
    res.write("retry: 3000\n\n");
    const missed = after !== undefined && after + 1 < this.ring.oldest;
    // A client that fell behind the ring is told where it resumes: it reloads what it lost from the API.
    if (missed) res.write(`event: gap\ndata: {"after":${after},"oldest":${this.ring.oldest}}\n\n`);
    for (const e of this.ring.since(after ?? this.ring.last)) res.write(sseFrame(e.seq, e.line));
    this.clients.add(res);
    req.on("close", () => this.clients.delete(res));
  }

  /** Send one event to every client, dropping those that cannot keep up. */
  send(frame: string): void {
    for (const res of this.clients) {
      if (res.writableLength > this.maxBuffer) {
        this.clients.delete(res);
        this.dropped++;
        res.destroy();
        continue;
      }
      res.write(frame);
    }
  }

  close(): void {
    clearInterval(this.beat);
    for (const res of this.clients) res.end();
    this.clients.clear();
  }
}
