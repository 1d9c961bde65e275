/**
 * Signing a batch of pages, in an extraction worker once the scan's pages are read: shingles,
 * signature, band keys and content hash of each (the scan's second pass, sketch-stream.ts).
 */
import { bandKeysInto } from '../sketch/bands.js';
import { createMinHasher, type MinHasher } from '../sketch/minhash.js';
import { tokensHash64Hex } from '../text/hash.js';
import { shingleSetInto } from '../text/shingles.js';
import type { SignRequest, SignResponse } from './sign-messages.js';

let hasher: MinHasher | null = null;
/** One page's signature, reused: only the batch's band keys (and signatures, when kept) leave the worker. */
let signature = new Uint32Array(0);

/** A batch of pages signed: shingle sets over the request's tokens, band keys, signatures, content hashes. */
export function signBatch(req: SignRequest): { response: SignResponse; transfer: ArrayBuffer[] } {
  if (hasher === null || hasher.numPerm !== req.numPerm || hasher.seed !== req.seed) hasher = createMinHasher(req.numPerm, req.seed);
  if (signature.length !== req.numPerm) signature = new Uint32Array(req.numPerm);
  const n = req.ends.length;
  const shingleEnds = new Uint32Array(n);
  const keys = new Uint32Array(n * req.bands);
  const signatures = req.keepSignatures ? new Uint32Array(n * req.numPerm) : null;
  const contentHashes: string[] = [];
  // Each page's shingle set goes over the batch's tokens, after the sets before it: a set is never
  // longer than its page's tokens, which are read before it is written (shingleSetInto).
  const sets = req.tokens;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const tokens = req.tokens.subarray(i === 0 ? 0 : req.ends[i - 1]!, req.ends[i]!);
    contentHashes.push(tokensHash64Hex(tokens));
    const size = shingleSetInto(tokens, req.shingleSize, sets, total);
    hasher.signInto(sets.subarray(total, total + size), signature);
    bandKeysInto(signature, req.bands, req.rows, keys, i * req.bands);
    signatures?.set(signature, i * req.numPerm);
    total += size;
    shingleEnds[i] = total;
  }
  const response: SignResponse = { shingleEnds, bandKeys: keys, signatures, contentHashes };
  return { response, transfer: [shingleEnds.buffer, keys.buffer, ...(signatures ? [signatures.buffer] : [])] as ArrayBuffer[] };
}
