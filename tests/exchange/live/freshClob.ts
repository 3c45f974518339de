import { afterEach, beforeEach } from "vitest";
import type { LiveExecutor } from "../../../agents/exchange/live/LiveExecutor.ts";
import { LocalClob } from "./LocalClob.ts";

/**
 * A fresh local CLOB for each test of the file, handed to `use` once started; after the test the
 * executors it pushed onto the returned list are closed (their axios hooks removed), then the
 * CLOB `current()` names is stopped (a test may have swapped in one of its own).
 */
export function freshClob(use: (clob: LocalClob) => void, current: () => LocalClob): LiveExecutor[] {
  const executors: LiveExecutor[] = [];
  beforeEach(async () => {
    const clob = new LocalClob();
    await clob.start();
    use(clob);
  });
  afterEach(async () => {
    for (const e of executors.splice(0)) e.close();
    await current().stop();
  });
  return executors;
}
