import { fmix32 } from '../text/hash.js';
import { TOKEN_SEED } from '../text/shingles.js';

/**
 * reprint's MinHash: rounds of one-permutation hashing, as in "fast similarity sketching"
 * (Dahlgaard, Knudsen & Thorup, FOCS 2017). Cost O(shingles + numPerm log numPerm) instead of
 * the classic O(shingles × numPerm).
 *
 * Round 0 is one-permutation hashing (OPH, Li, Owen & Zhang 2012): each shingle is hashed once
 * with a seeded bijective 32-bit mixer h0; the hash range is cut into numPerm equal intervals
 * (bins), bin(h) = floor(h · numPerm / 2^32), and slot i keeps the smallest hash that falls into
 * bin i. A text with a few hundred shingles or more fills every bin in this one pass.
 *
 * Bins left empty (short texts) are filled by further rounds r = 1, 2, ...: every shingle is
 * re-hashed with the round's key, h_r = mix(h0 ^ key_r), and thrown into bin(h_r); a bin takes
 * the smallest h_r of the first round that reaches it, and a bin filled in an earlier round is
 * final (the order is (round, h_r), lexicographic). Rounds stop when every bin is filled. So the
 * value of slot i is the minimum over the set of one fixed random order per slot: the slot of
 * two texts matches exactly when the minimiser of their union lies in both, with probability
 * J(A, B), and the share of equal slots is an unbiased estimate of Jaccard similarity. Within a
 * round a shingle lands in only one bin, so slots are negatively correlated: the error is never
 * above classic MinHash's sqrt(J(1-J)/numPerm) and well below it for short texts (where OPH with
 * densification, which copies one bin's value into several slots, is worse than classic MinHash).
 *
 * A slot stores h0 of its minimiser, whatever the round: h0 is a bijection of the shingle hash,
 * so two slots are equal only when they hold the same shingle (no value collisions).
 *
 * Pure 32-bit integer arithmetic (Math.imul, >>>) plus one exact double multiply
 * (h · numPerm < 2^44 < 2^53), so a signature depends only on the shingles, the seed and the
 * scheme, on every engine and machine. Any numPerm from 1 to 4096 works; no power of two needed.
 *
 * The scheme string names everything a signature depends on, the text normalisation included
 * (src/text/normalize.ts: /3 added the Arabic, Persian-digit and ё folds). Signatures made under
 * different schemes must never be compared, so stores and outputs carry it.
 */
export const MINHASH_SCHEME = 'reprint-minhash/3';
const DEFAULT_SEED = 0x7265_7072; // "repr"

export interface MinHasher {
  readonly scheme: string;
  readonly numPerm: number;
  readonly seed: number;
  /** Signature of a sorted or unsorted set of 32-bit shingle hashes. */
  sign(shingles: Uint32Array): Uint32Array;
  /** sign() written into `out` (numPerm words): a worker signing a batch makes no array a page. */
  signInto(shingles: Uint32Array, out: Uint32Array): void;
}

const TWO_32 = 4294967296;
/** Working value of a bin no shingle has reached yet: above every 32-bit hash. */
const EMPTY = TWO_32;
/** Working value of a bin filled in an earlier round: below every hash, so never replaced. */
const FINAL = -1;
const GOLDEN = 0x9e3779b9;

/** Key of round r (splitmix32 of the seed): round 0 keys h0, rounds 1.. key the re-hash. */
function roundKey(seed: number, r: number): number {
  return fmix32((((seed ^ TOKEN_SEED) | 0) + Math.imul(r + 1, GOLDEN)) | 0) | 0;
}

export function createMinHasher(numPerm = 128, seed = DEFAULT_SEED): MinHasher {
  if (!Number.isInteger(numPerm) || numPerm < 1 || numPerm > 4096) {
    throw new RangeError(`num-perm must be a whole number from 1 to 4096, got ${numPerm}`);
  }
  const key0 = roundKey(seed, 0);
  const scale = numPerm / TWO_32; // exact: numPerm · 2^-32
  // With a power of two bins (128, the default), a hash's bin is its top bits: the same number as
  // floor(h · scale), without the double multiply and floor (a fifth of signing).
  const binShift = numPerm >= 2 && (numPerm & (numPerm - 1)) === 0 ? 32 - Math.log2(numPerm) : 0;
  // Scratch space, reused across calls (sign() never re-enters). mins: the bin's working value
  // (EMPTY, FINAL, or the smallest hash of the current round), as doubles so EMPTY and FINAL sit
  // outside the 32-bit range. h0s: the shingles' round-0 hashes, kept for the later rounds.
  // fresh: bins filled during the current round, made FINAL at its end.
  const mins = new Float64Array(numPerm);
  const fresh = new Int32Array(numPerm);
  let h0s = new Int32Array(0);

  function signInto(shingles: Uint32Array, sig: Uint32Array): void {
    if (sig.length !== numPerm) throw new RangeError(`a signature has ${numPerm} words, not ${sig.length}`);
    sig.fill(0xffffffff);
    const n = shingles.length;
    if (n === 0) return;
    if (h0s.length < n) h0s = new Int32Array(Math.max(n, 2 * h0s.length));
    const hs = h0s;
    mins.fill(EMPTY);

    // Round 0: one-permutation hashing.
    for (let j = 0; j < n; j++) {
      // Seeded bijective mixer: MurmurHash3 fmix32 of the keyed shingle hash.
      let h = shingles[j]! ^ key0;
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h ^= h >>> 16;
      hs[j] = h;
      const u = h >>> 0;
      const b = binShift > 0 ? u >>> binShift : Math.floor(u * scale); // u · numPerm < 2^44: exact
      if (u < mins[b]!) mins[b] = u;
    }
    let filled = 0;
    for (let i = 0; i < numPerm; i++) {
      const m = mins[i]!;
      if (m !== EMPTY) {
        sig[i] = m;
        mins[i] = FINAL;
        filled++;
      }
    }
    if (filled === numPerm) return;
    // One shingle is the minimiser of every bin, whatever the rounds would do.
    if (n === 1) {
      sig.fill(hs[0]! >>> 0);
      return;
    }

    // Rounds 1, 2, ...: re-hash every shingle into the bins still empty.
    for (let r = 1; filled < numPerm; r++) {
      const key = roundKey(seed, r);
      let nFresh = 0;
      for (let j = 0; j < n; j++) {
        const h0 = hs[j]!;
        let h = h0 ^ key;
        h ^= h >>> 16;
        h = Math.imul(h, 0x7feb352d);
        h ^= h >>> 15;
        h = Math.imul(h, 0x846ca68b);
        h ^= h >>> 16;
        const u = h >>> 0;
        const b = binShift > 0 ? u >>> binShift : Math.floor(u * scale);
        const m = mins[b]!;
        if (u < m) {
          if (m === EMPTY) fresh[nFresh++] = b;
          mins[b] = u;
          sig[b] = h0;
        }
      }
      for (let f = 0; f < nFresh; f++) mins[fresh[f]!] = FINAL;
      filled += nFresh;
    }
  }

  return {
    scheme: MINHASH_SCHEME,
    numPerm,
    seed,
    sign(shingles: Uint32Array): Uint32Array {
      const sig = new Uint32Array(numPerm);
      signInto(shingles, sig);
      return sig;
    },
    signInto,
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
