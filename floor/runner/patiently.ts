import type { Logger } from "../log/createLogger.ts";

/**
 * A JetStream read at a role's start, tried again while the server times out (a cluster still
 * electing its stream's leader, a loaded machine): up to 5 tries, 2 s apart, then it fails naming what.
 */
export async function patiently<T>(what: string, log: Logger, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      const timeout = /timeout|timed out/i.test((e as Error).message);
      if (!timeout || attempt >= 5) throw new Error(`${what}: ${(e as Error).message}`, { cause: e });
      log.warn({ attempt, err: (e as Error).message }, `${what} timed out; trying again`);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}
