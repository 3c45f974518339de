/** A seeded random source: the same seed gives the same sequence on every machine. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number;
  /** A child stream, independent of this one's later draws. */
  fork(label: string): Rng;
  /** Where the stream stands, to continue it exactly (`restoreRng`) after a restart. */
  save(): RngState;
}

/** A stream's position: its label (what forks derive from), its counter and a pending normal draw. */
export interface RngState {
  label: string;
  a: number;
  spare?: number;
}

function hashSeed(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** mulberry32: small, fast and good enough for simulation (not for cryptography). */
export function createRng(seed: number | string): Rng {
  return restoreRng({ label: String(seed), a: typeof seed === "number" ? seed >>> 0 : hashSeed(seed) });
}

/** The stream `save()` described, continuing with the draw it would have made next. */
export function restoreRng(state: RngState): Rng {
  let a = state.a;
  const label = state.label;
  let spare: number | undefined = state.spare;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    normal() {
      if (spare !== undefined) {
        const s = spare;
        spare = undefined;
        return s;
      }
      const u = Math.max(next(), 1e-12);
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    int(lo, hi) {
      return lo + Math.floor(next() * (hi - lo + 1));
    },
    fork(child) {
      return createRng(`${label}/${child}`);
    },
    save: () => ({ label, a, ...(spare !== undefined ? { spare } : {}) }),
  };
}
