/**
 * 32-bit hashing kernels (MurmurHash3 x86_32 finaliser and block mix). Everything is done with
 * Math.imul and >>> so results are exact 32-bit integers on every engine: signatures must be
 * identical across runs and machines.
 */

export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** MurmurHash3-style hash of a string's UTF-16 code units. */
export function hashString(s: string, seed = 0): number {
  return hashStringRange(s, 0, s.length, seed);
}

/** hashString(s.slice(start, end), seed), without making the substring. */
export function hashStringRange(s: string, start: number, end: number, seed = 0): number {
  let h = seed | 0;
  const n = end - start;
  let i = start;
  for (; i + 1 < end; i += 2) {
    let k = (s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16)) | 0;
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  if (i < end) {
    let k = s.charCodeAt(i);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
  }
  return fmix32(h ^ n);
}

/** Order-sensitive hash of a run of 32-bit words (a shingle of token hashes). */
export function hashWords(words: ArrayLike<number>, start: number, count: number, seed = 0): number {
  let h = seed | 0;
  for (let j = 0; j < count; j++) {
    let k = words[start + j]! | 0;
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  return fmix32(h ^ (count * 4));
}

/** Hex string of a 64-bit hash made from two independent 32-bit string hashes. */
export function hash64Hex(s: string): string {
  const a = hashString(s, 0x2f1b3c4d);
  const b = hashString(s, 0x6a09e667);
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/** Hex string of a 64-bit hash of a token-hash sequence: equal token sequences, equal hashes. */
export function tokensHash64Hex(tokens: Uint32Array): string {
  const a = hashWords(tokens, 0, tokens.length, 0x2f1b3c4d);
  const b = hashWords(tokens, 0, tokens.length, 0x6a09e667);
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}
