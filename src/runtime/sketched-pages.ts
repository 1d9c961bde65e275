/**
 * Pages read, extracted and sketched, held whole: what index add and check start from (a crawl
 * of new pages, not an archive; scan streams instead, see sketch-stream.ts). A page too short to
 * sign becomes an error in its place in input order.
 */
import type { InputFile } from '../input/discover.js';
import type { SketchedDocument } from '../page.js';
import type { MinHasher } from '../sketch/minhash.js';
import type { CollectHooks, OrderedError } from './pages.js';
import { sketchStream, type StreamOptions } from './sketch-stream.js';

export async function sketchPages(
  files: readonly InputFile[],
  options: StreamOptions,
  hasher: MinHasher,
  lsh: { bands: number; rows: number },
  hooks: CollectHooks,
): Promise<{ pages: SketchedDocument[]; errors: OrderedError[]; texts: Map<string, string> | null }> {
  const run = await sketchStream(files, options, hasher, lsh, { ...hooks, keepSignatures: true });
  try {
    const n = hasher.numPerm;
    const docs = run.docs(Array.from({ length: run.count }, (_, i) => i));
    const pages: SketchedDocument[] = Array.from({ length: run.count }, (_, i) => {
      const { seq: _seq, ...d } = docs.get(i)!;
      return { ...d, shingles: run.shingles(i), signature: run.signatures!.slice(i * n, (i + 1) * n) };
    });
    // Compared texts by path, only when options.keepText asked for them (an HTML report).
    const texts = options.keepText === true ? new Map(pages.map((p, i) => [p.path, run.text(i) ?? ''])) : null;
    return { pages, errors: run.errors, texts };
  } finally {
    run.close();
  }
}
