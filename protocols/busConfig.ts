import { z } from "zod";

/** The name of an environment variable (the config names where a secret is, never the secret). */
export const EnvName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, "the name of an environment variable");

/**
 * The `bus:` section of config/floor.yaml: where the bus is and which environment variables hold
 * its credentials. `--bus` and NATS_URL win over `url`. Secrets are never in the file: a URL
 * with a password or token here is refused; give them through the variables named below.
 */
export const BusConfig = z
  .object({
    /** "local", nats://host[:port] or tls://host[:port] (no credentials in it). */
    url: z.string().min(1).optional(),
    /** Variables holding a user and password, a token, an NKey seed, or the path of a .creds file: at most one kind may be set. */
    userEnv: EnvName.default("NATS_USER"),
    passwordEnv: EnvName.default("NATS_PASSWORD"),
    tokenEnv: EnvName.default("NATS_TOKEN"),
    nkeySeedEnv: EnvName.default("NATS_NKEY_SEED"),
    credsEnv: EnvName.default("NATS_CREDS"),
    /** Copies JetStream keeps of the floor's stream: 1 on one server, 3 on a three-node cluster (see docs/NATS.md, "A cluster"). */
    replicas: z.number().int().min(1).max(5).optional(),
    /** TLS: a CA to trust and a client certificate and key (paths); any of them turns TLS on. NATS_TLS_CA/CERT/KEY override. */
    tls: z.object({ ca: z.string().min(1).optional(), cert: z.string().min(1).optional(), key: z.string().min(1).optional() }).strict().optional(),
  })
  .strict();
export type BusConfig = z.infer<typeof BusConfig>;
