/**
 * OTP restart intensity: allow at most `intensity` restarts within any `periodMs` window;
 * beyond that the caller gives up and escalates (OTP's defaults are 1 in 5 s).
 */
export class RestartPolicy {
  private times: number[] = [];

  constructor(private readonly opts: { intensity: number; periodMs: number }) {}

  /** The restarts still inside the window, for a checkpoint; `load` puts them back. */
  save(): number[] {
    return [...this.times];
  }

  load(times: readonly number[]): void {
    this.times = [...times];
  }

  /** Record a restart at `now` if the window allows one; false means escalate. */
  allow(now: number): boolean {
    while (this.times.length > 0 && now - this.times[0]! >= this.opts.periodMs) this.times.shift();
    if (this.times.length >= this.opts.intensity) return false;
    this.times.push(now);
    return true;
  }
}
