/** The floor's secret variables (docs/LIVE.md, docs/NATS.md, the dashboard's and inspector's tokens, the LLM's key). */
export const KNOWN_SECRET_ENV = [
  "POLYMARKET_PRIVATE_KEY", "CLOB_API_KEY", "CLOB_SECRET", "CLOB_PASS_PHRASE",
  "NATS_PASSWORD", "NATS_TOKEN", "NATS_NKEY_SEED",
  "POLYFLOOR_DASHBOARD_TOKEN", "POLYFLOOR_INSPECT_TOKEN", "OPENAI_API_KEY",
] as const;

/** Any other variable whose name says it holds a secret. */
const SECRET_NAME = /KEY|SECRET|TOKEN|PASS|SEED|PRIVATE|CREDENTIAL|WEBHOOK/i;
/** Shorter values are not scrubbed: they would blank ordinary words and numbers. */
const MIN_SECRET_CHARS = 4;
const URL = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi;
/** A private key in hex, whoever's (a transaction hash looks the same and loses nothing by it). */
const HEX_KEY = /\b(0x)?[0-9a-f]{64}\b/gi;

/**
 * The values to scrub from alert text: those of the known secret variables, of `named` (the
 * config's own: webhook URLs, bus credentials) and of every variable whose name looks secret;
 * a 0x-prefixed one also without its prefix; longest first, so no piece of one survives another.
 */
export function secretValues(env: Readonly<Record<string, string | undefined>>, named: readonly string[] = []): string[] {
  const names = new Set<string>([...KNOWN_SECRET_ENV, ...named, ...Object.keys(env).filter((n) => SECRET_NAME.test(n))]);
  const values = new Set<string>();
  for (const n of names) {
    const v = env[n]?.trim();
    if (!v || v.length < MIN_SECRET_CHARS) continue;
    values.add(v);
    if (/^0x/i.test(v) && v.length - 2 >= MIN_SECRET_CHARS) values.add(v.slice(2));
  }
  return [...values].sort((a, b) => b.length - a.length);
}

/** `text` with every secret value, every URL and every 64-hex-digit key replaced by a marker. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join("[redacted]");
  return out.replace(URL, "[url]").replace(HEX_KEY, "[redacted]");
}
