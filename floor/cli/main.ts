import { LockHeldError } from "../../state/index.ts";
import { ConfigError } from "../config/index.ts";
import { commandUsage } from "./commandUsage.ts";
import { agent } from "./commands/agent.ts";
import { agents } from "./commands/agents.ts";
import { audit } from "./commands/audit.ts";
import { backtest } from "./commands/backtest.ts";
import { checkConfig } from "./commands/checkConfig.ts";
import { digest } from "./commands/digest.ts";
import { machines } from "./commands/machines.ts";
import { record } from "./commands/record.ts";
import { start } from "./commands/start.ts";
import { status } from "./commands/status.ts";
import { processIo, type Io } from "./Io.ts";
import { UsageError } from "./UsageError.ts";

const COMMANDS: Record<string, (argv: string[], io: Io) => Promise<number>> = {
  start,
  backtest,
  status,
  agents,
  agent,
  audit,
  digest,
  "check-config": checkConfig,
  machines,
  record,
};

export const USAGE = `usage: floor <command> [options]
  start    [--mode sim|paper|live] [--config F] [--bus local|nats://[USER:PASSWORD@]HOST:PORT] [--db PATH] [--speed N|max]
           [--until DURATION] [--seed N] [--dashboard HOST:PORT|off] [--inspect] [--live]
                                     live: real money; needs --live, POLYMARKET_PRIVATE_KEY and live.capitalCapUsd
  backtest --data DIR [--from T] [--to T] [--config F] [--db PATH] [--seed N] [--latency MS] [--synthetic-book] [--json]
           [--fees RATE,EXPONENT[,usd|shares]] [--maker-rebate R] [--taker-rebate R]
                                     replay recorded data through the whole floor and report;
                                     --fees and the rebates are what-ifs over every replayed market
  status   [--db PATH] [--json]      agents, states, capital, PnL, ledger hash
  agents   [--db PATH] [--json] [--history]
                                     the family tree: origin, lineage, births, deaths and the boss's latest judgement with its numbers; --history: every spawn, change, retirement and judgement, who decided and why
  agent    spawn|reconfigure|retire ID [--file F.yaml] --reason TEXT [--bus URL] [--config F] [--json]
                                     ask a running floor's supervisor over its NATS bus (spawn and
                                     reconfigure take the agent's file); exit 1 when it refuses
  digest   [--db PATH] [--date YYYY-MM-DD] [--out DIR] [--config F] [--narrative]
                                     write a day's digest (Markdown + HTML) again from the database alone;
                                     default: the day before the floor's latest floor time, into digests.dir
  audit verify [--db PATH] [--json]  integrity, audit chain and its anchor, ledger invariants, ledger = audit log
  check-config [--config F]          validate config/floor.yaml and config/agents/*.yaml
  machines --export DIR              every agent's machine: JSON config, Mermaid, statechart SVG
  record   --out DIR [--duration D] [--config F]   record the live feeds in the replay format`;

/** Run one CLI command; returns the exit status (0 ok, 1 runtime failure, 2 bad usage or config). */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const code = await dispatch(argv, io);
  // Output that could not be written is a failure, said once (a closed pipe, a full disk).
  const lost = await io.flush?.();
  if (lost === undefined) return code;
  io.err(`floor${argv[0] && COMMANDS[argv[0]] ? ` ${argv[0]}` : ""}: ${lost}; output was lost`);
  return code === 0 ? 1 : code;
}

async function dispatch(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    io.out(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`floor: unknown command ${JSON.stringify(name)}\n${USAGE}`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(commandUsage(USAGE, name) ?? USAGE);
    return 0;
  }
  return run(name, command, rest, io);
}

async function run(name: string, command: (argv: string[], io: Io) => Promise<number>, rest: string[], io: Io): Promise<number> {
  try {
    return await command(rest, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError || e instanceof LockHeldError || isParseArgsError(e)) {
      io.err(`floor ${name}: ${(e as Error).message}`);
      return 2;
    }
    io.err(`floor ${name}: ${e instanceof Error ? e.message : String(e)}`);
    if (io.env.DEBUG) io.err(String((e as Error).stack));
    return 1;
  }
}

function isParseArgsError(e: unknown): boolean {
  return e instanceof TypeError && typeof (e as { code?: unknown }).code === "string" && (e as unknown as { code: string }).code.startsWith("ERR_PARSE_ARGS");
}
