/**
 * Pages read, extracted and sketched: what scan, index add and check all start from. A page
 * too short to sign becomes an error in its place in input order.
 */
import type { CheckPage } from '../check/check.js';
import type { MinHasher } from '../sketch/minhash.js';
import { sketchDocument } from './document.js';
import { errorMessage } from './errors.js';
import { collectPages, listInputs, type OrderedError } from './pages.js';
import type { ScanOptions } from './options.js';
import type { ScanHooks } from './scan.js';

export async function sketchPages(
  inputs: readonly string[],
  options: ScanOptions,
  hasher: MinHasher,
  hooks: ScanHooks,
): Promise<{ pages: CheckPage[]; errors: OrderedError[] }> {
  const files = await listInputs(inputs, options, hooks.cwd);
  const { pages, errors } = await collectPages(files, options, {
    onError: hooks.onError,
    onProgress: (done, errs) => hooks.onProgress?.(done, files.length, errs),
  });
  const out: CheckPage[] = [];
  for (const { seq, path, url, extracted } of pages) {
    try {
      const s = sketchDocument(extracted, hasher, options);
      const m = s.meta;
      out.push({
        path,
        url,
        outlet: m.outlet,
        title: m.title,
        dateline: m.dateline,
        published: m.published,
        words: s.words,
        contentHash: s.contentHash,
        shingles: s.shingles,
        signature: s.signature,
      });
    } catch (e) {
      const error = { path, message: errorMessage(e) };
      errors.push({ ...error, seq });
      hooks.onError?.(error);
    }
  }
  return { pages: out, errors };
}
