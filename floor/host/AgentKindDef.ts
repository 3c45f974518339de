import type { AnyStateMachine } from "xstate";
import type { z } from "zod";
import type { FloorConfig } from "../../protocols/index.ts";
import type { Rng } from "../random/createRng.ts";
import type { AgentKind, AgentSpec } from "./AgentSpec.ts";

/** What every file in config/agents/ says, whatever its kind. */
export interface AgentFileConfig {
  readonly id: string;
  readonly kind: string;
  readonly enabled: boolean;
}

/** A problem with one field of an agent file that its schema alone cannot see. */
export interface FieldProblem {
  readonly path: readonly string[];
  readonly message: string;
}

/** How files in config/agents/ (or spawn commands) make agents of one kind. */
export interface FileKind<C extends AgentFileConfig = AgentFileConfig> {
  readonly schema: z.ZodType<C>;
  spec(cfg: C, parentId?: string): AgentSpec;
  /** True when a running agent can take `next` in place: only fields its schema marks updatable differ from `prev`. */
  updatable(prev: C, next: C): boolean;
  /** Checks against the floor's own config (a trader whose entry and exit leave nothing of a window). */
  check?(cfg: C, floor: FloorConfig): FieldProblem | undefined;
  /** A clone's config: the tunable parameters moved by up to ±scale of their schema's range (floor/params). Kinds without one are not cloned. */
  variant?(cfg: C, rng: Rng, scale: number): Variant<C>;
}

/** A clone's configuration (its id still the parent's: the boss names it), and what moved. */
export interface Variant<C> {
  config: C;
  changed: string[];
  note: string;
}

/** One agent kind, as the registry (agents/kinds.ts) lists it: the roles, the machine export and the supervisor read it. */
export interface AgentKindDef {
  readonly kind: AgentKind;
  /** The `--role` process that runs agents of this kind. */
  readonly role: string;
  readonly machine: AnyStateMachine;
  /** Present for kinds that config files and spawn commands create. */
  readonly file?: FileKind;
}
