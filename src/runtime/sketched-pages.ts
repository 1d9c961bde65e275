/**
 * Pages read, extracted and sketched, held whole: what index add and check start from (a crawl
 * of new pages, not an archive; scan streams instead, see stream.ts). A page too short to sign
 * becomes an error in its place in input order.
 */
import type { CheckPage } from '../match/index-match.js';
import type { MinHasher } from '../sketch/minhash.js';
import { listInputs, pageTotal, type OrderedError } from './pages.js';
import type { ScanOptions } from '../commands/settings.js';
import type { ScanHooks } from '../commands/scan.js';
import { sketchStream } from './sketch-stream.js';

export async function sketchPages(
  inputs: readonly string[],
  options: ScanOptions,
  hasher: MinHasher,
  lsh: { bands: number; rows: number },
  hooks: ScanHooks,
): Promise<{ pages: CheckPage[]; errors: OrderedError[] }> {
  const files = await listInputs(inputs, options, hooks.cwd);
  const total = pageTotal(files);
  const run = await sketchStream(files, options, hasher, lsh, {
    onError: hooks.onError,
    onProgress: (done, errs) => hooks.onProgress?.(done, total, errs),
    keepSignatures: true,
  });
  try {
    const n = hasher.numPerm;
    const pages: CheckPage[] = Array.from({ length: run.count }, (_, i) => {
      const { seq: _seq, ...d } = run.doc(i);
      return { ...d, shingles: run.shingles(i), signature: run.signatures!.slice(i * n, (i + 1) * n) };
    });
    return { pages, errors: run.errors };
  } finally {
    run.close();
  }
}
