/**
 * Runs items through a handler one at a time, in arrival order. A handler that returns a
 * promise holds the following items back until it settles; synchronous handlers run inline
 * inside `push`. Errors (thrown or rejected) go to `onError`; `onDone` runs for every item.
 */
export class SerialQueue<T> {
  private backlog: T[] = [];
  private running = false;

  constructor(
    private readonly run: (item: T) => void | Promise<void>,
    private readonly onError: (err: unknown, item: T) => void,
    private readonly onDone: (item: T) => void,
  ) {}

  push(item: T): void {
    this.backlog.push(item);
    if (!this.running) void this.pump();
  }

  private fail(err: unknown, item: T): void {
    try {
      this.onError(err, item);
    } catch {
      // an error reporter that throws must not stall the queue
    }
  }

  /** Runs synchronously until the first handler returns a promise. */
  private async pump(): Promise<void> {
    this.running = true;
    try {
      while (this.backlog.length > 0) {
        const item = this.backlog.shift()!;
        let result: void | Promise<void> = undefined;
        try {
          result = this.run(item);
        } catch (err) {
          this.fail(err, item);
        }
        if (result && typeof (result as Promise<void>).then === "function") {
          try {
            await result;
          } catch (err) {
            this.fail(err, item);
          }
        }
        this.onDone(item);
      }
    } finally {
      this.running = false;
    }
  }
}
