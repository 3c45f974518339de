/**
 * The venue's per-signer rate tier as the local CLOB serves it: GET /v1/user/rate-limit-tier
 * (L2-authenticated, like the CLOB's other account routes) and the `Poly-RateLimit-Tier` header on
 * trading responses (POST /order, DELETE /order, DELETE /cancel-all), with
 * `Poly-RateLimit-Warning: true` when a test asks for it. The venue documents no body for the GET:
 * `{"tier": name}` is what the executor assumes, and a test may serve another shape.
 */
export class LocalRateTier {
  /** The tier of every signer without one of its own, written as the venue might (any case). */
  tier = "Standard";
  /** The GET's body for a tier. */
  body: (tier: string) => unknown = (tier) => ({ tier });
  private readonly byAddress = new Map<string, string>();
  private warnings = 0;

  /** Serve `tier` from now on: to the signer at `address`, or to all without one of their own. */
  set(tier: string, address?: string): void {
    if (address) this.byAddress.set(address.toLowerCase(), tier);
    else this.tier = tier;
  }

  of(address: string): string {
    return this.byAddress.get(address.toLowerCase()) ?? this.tier;
  }

  /** The next `n` trading responses carry `Poly-RateLimit-Warning: true` (the limiter's warning mode). */
  warnNext(n: number): void {
    this.warnings += n;
  }

  /** The rate-limit headers of a trading response to the signer at `address`. */
  headers(address: string): Record<string, string> {
    const h: Record<string, string> = { "Poly-RateLimit-Tier": this.of(address) };
    if (this.warnings > 0) {
      this.warnings--;
      h["Poly-RateLimit-Warning"] = "true";
    }
    return h;
  }
}
