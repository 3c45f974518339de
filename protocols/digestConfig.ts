import { z } from "zod";

const EnvName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, "the name of an environment variable");

/**
 * The daily digest (docs/DIGEST.md): where the auditor writes it at each UTC midnight of floor
 * time, and the optional narrative an OpenAI-compatible model writes beside the numbers. Only the
 * NAMES of the variables holding the endpoint and its key are configured here, never a secret.
 */
export const DigestConfig = z
  .object({
    /** The folder of `YYYY-MM-DD.md` and `.html`, relative to the working directory (as `db` is); "off": none written. */
    dir: z.string().min(1).default("reports/digests"),
    narrative: z
      .object({
        /** Off by default: a digest is complete without it, and a model is not asked unless told. */
        enabled: z.boolean().default(false),
        model: z.string().min(1).default("gpt-4o-mini"),
        /** The endpoint's base URL (…/v1); without it, the one in the variable `baseUrlEnv`. */
        baseUrl: z.string().url().optional(),
        baseUrlEnv: EnvName.default("OPENAI_BASE_URL"),
        apiKeyEnv: EnvName.default("OPENAI_API_KEY"),
        /** The one HTTP attempt's limit; past it the digest is written without the narrative, with a note. */
        timeoutSec: z.number().positive().max(600).default(60),
        maxAnswerTokens: z.number().int().positive().max(4000).default(600),
      })
      .strict()
      .prefault({}),
  })
  .strict();
export type DigestConfig = z.infer<typeof DigestConfig>;
