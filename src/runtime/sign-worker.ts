/** Worker thread: shingles, signature, band keys and content hash of a batch of pages. */
import { parentPort } from 'node:worker_threads';
import { bandKeys } from '../sketch/bands.js';
import { createMinHasher, type MinHasher } from '../sketch/minhash.js';
import { tokensHash64Hex } from '../text/hash.js';
import { shingleSet } from '../text/shingles.js';
import type { SignRequest, SignResponse } from './sign-messages.js';

let hasher: MinHasher | null = null;

parentPort?.on('message', (req: SignRequest) => {
  if (hasher === null || hasher.numPerm !== req.numPerm || hasher.seed !== req.seed) hasher = createMinHasher(req.numPerm, req.seed);
  const n = req.ends.length;
  const sets: Uint32Array[] = [];
  const shingleEnds = new Uint32Array(n);
  const keys = new Uint32Array(n * req.bands);
  const signatures = req.keepSignatures ? new Uint32Array(n * req.numPerm) : null;
  const contentHashes: string[] = [];
  let total = 0;
  for (let i = 0; i < n; i++) {
    const tokens = req.tokens.subarray(i === 0 ? 0 : req.ends[i - 1]!, req.ends[i]!);
    const shingles = shingleSet(tokens, req.shingleSize);
    const signature = hasher.sign(shingles);
    keys.set(bandKeys(signature, req.bands, req.rows), i * req.bands);
    signatures?.set(signature, i * req.numPerm);
    contentHashes.push(tokensHash64Hex(tokens));
    sets.push(shingles);
    total += shingles.length;
    shingleEnds[i] = total;
  }
  const shingles = new Uint32Array(total);
  let at = 0;
  for (const s of sets) {
    shingles.set(s, at);
    at += s.length;
  }
  const res: SignResponse = { shingles, shingleEnds, bandKeys: keys, signatures, contentHashes };
  const transfer = [shingles.buffer, shingleEnds.buffer, keys.buffer, ...(signatures ? [signatures.buffer] : [])] as ArrayBuffer[];
  parentPort?.postMessage(res, transfer);
});
