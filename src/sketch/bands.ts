import { hashWords } from '../text/hash.js';

/**
 * One key per band. The band's index is the hash seed, so equal rows in different bands never
 * collide (the `minhash` package's keys ignore the band's position). Keys are 32-bit: a collision
 * only adds a candidate, which verification then rejects.
 */
export function bandKeys(signature: Uint32Array, bands: number, rows: number): Uint32Array {
  const keys = new Uint32Array(bands);
  bandKeysInto(signature, bands, rows, keys, 0);
  return keys;
}

/** bandKeys() written into `out` from `at` on. */
export function bandKeysInto(signature: Uint32Array, bands: number, rows: number, out: Uint32Array, at: number): void {
  for (let b = 0; b < bands; b++) out[at + b] = hashWords(signature, b * rows, rows, 0x62616e64 + b);
}
