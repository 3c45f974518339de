/**
 * POST /v1/heartbeats every interval; the venue cancels our orders if heartbeats stop (~10 s).
 * Each beat carries the id the venue returned for the previous one.
 */
import { classifyError } from "./errors.ts";

export interface HeartbeatHooks {
  post: (heartbeatId: string) => Promise<{ heartbeat_id?: string } | undefined>;
  /** The venue geoblocked a heartbeat: trading must halt. */
  onGeoblocked: (endpoint: string) => void;
  log: (msg: string, fields?: Record<string, unknown>) => void;
}

export class Heartbeat {
  private running: { timer: NodeJS.Timeout; id: string; posting: boolean } | undefined;

  constructor(private readonly hooks: HeartbeatHooks) {}

  start(intervalMs: number): void {
    if (this.running) return;
    const hb = { id: "", timer: undefined as unknown as NodeJS.Timeout, posting: false };
    const beat = async () => {
      // Stopped, or the last beat not answered yet: a second one now would carry the old id and start another chain.
      if (this.running !== hb || hb.posting) return;
      hb.posting = true;
      try {
        const r = await this.hooks.post(hb.id);
        if (r?.heartbeat_id) hb.id = r.heartbeat_id;
      } catch (e) {
        const c = classifyError(e);
        if (c.kind === "geoblocked") this.hooks.onGeoblocked("POST /v1/heartbeats");
        this.hooks.log("heartbeat failed", { kind: c.kind, status: c.status });
      } finally {
        hb.posting = false;
      }
    };
    hb.timer = setInterval(() => void beat(), intervalMs);
    hb.timer.unref?.();
    this.running = hb;
    void beat();
  }

  stop(): void {
    if (this.running) clearInterval(this.running.timer);
    this.running = undefined;
  }
}
