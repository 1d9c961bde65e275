import { fmix32 } from '../text/hash.js';
import { TOKEN_SEED } from '../text/shingles.js';

/**
 * reprint's MinHash. Each permutation is a keyed 32-bit mixer applied to the shingle hash
 * (xor with a per-permutation key, multiply, xorshift, multiply, xorshift): pure Math.imul
 * arithmetic, exact on every engine, so a signature depends only on the text and the scheme.
 *
 * The scheme string names everything a signature depends on. Signatures made under different
 * schemes must never be compared, so stores and outputs carry it.
 */
export const MINHASH_SCHEME = 'reprint-minhash/1';
export const DEFAULT_SEED = 0x7265_7072; // "repr"

export interface MinHasher {
  readonly scheme: string;
  readonly numPerm: number;
  readonly seed: number;
  /** Signature of a sorted or unsorted set of 32-bit shingle hashes. */
  sign(shingles: Uint32Array): Uint32Array;
}

/** Deterministic per-permutation keys from a seed (splitmix32). */
function permutationKeys(numPerm: number, seed: number): Int32Array {
  const keys = new Int32Array(numPerm);
  let state = (seed ^ TOKEN_SEED) | 0;
  for (let i = 0; i < numPerm; i++) {
    state = (state + 0x9e3779b9) | 0;
    keys[i] = fmix32(state) | 0;
  }
  return keys;
}

export function createMinHasher(numPerm = 128, seed = DEFAULT_SEED): MinHasher {
  if (!Number.isInteger(numPerm) || numPerm < 1 || numPerm > 4096) {
    throw new RangeError(`num-perm must be a whole number from 1 to 4096, got ${numPerm}`);
  }
  const keys = permutationKeys(numPerm, seed);
  return {
    scheme: MINHASH_SCHEME,
    numPerm,
    seed,
    sign(shingles: Uint32Array): Uint32Array {
      const sig = new Uint32Array(numPerm).fill(0xffffffff);
      const n = shingles.length;
      if (n === 0) return sig;
      // Permutation-outer: the running minimum stays in a register over the inner loop.
      for (let p = 0; p < numPerm; p++) {
        const key = keys[p]!;
        let min = 0xffffffff;
        for (let j = 0; j < n; j++) {
          let v = Math.imul(shingles[j]! ^ key, 0x9e3779b1);
          v ^= v >>> 15;
          v = Math.imul(v, 0x85ebca6b);
          v ^= v >>> 13;
          v >>>= 0;
          if (v < min) min = v;
        }
        sig[p] = min;
      }
      return sig;
    },
  };
}

/** Share of equal slots: the MinHash estimate of Jaccard similarity. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 0;
  let same = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) same++;
  return same / n;
}
