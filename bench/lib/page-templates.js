// Real news-page templates for the e2e benchmark's HTML corpora (bench/lib/generate.js, bench/e2e.js).
//
//   await benchTemplates({ corpora, cacheDirs, log }) -> { templates, usable, of, failed, source }
//
// The pages of ../shared/corpora (fundus, newspaper4k, readability: every page with an expected
// text) are made into templates exactly as the labelled reprint evaluation does
// (bench/lib/reprint-templates.js prepareTemplate: the article body of the real page replaced by a
// marker, its headline, descriptions and URLs by markers; head, scripts, navigation, sidebars,
// related lists and footers kept). Preparing ~400 pages takes a while, so the result is cached as
// templates-v<REPRINTS_VERSION>.json: the bench reads the first of cacheDirs that has one for the
// same version and page count (scripts/eval-reprints.mjs writes the same file, in the same format,
// beside its corpora), else prepares the templates and writes the cache into cacheDirs[0].
//
// Of the usable templates, the bench keeps those of at most MAX_TEMPLATE_BYTES (as the evaluation
// does), sorted by key: each one is an "outlet" of the generated corpus.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadCorpus } from '../../scripts/lib/eval-corpora.mjs';
import { buildTemplates, REPRINTS_VERSION } from './generate-reprints.js';

const TEMPLATE_CORPORA = ['fundus', 'newspaper4k', 'readability'];
const MAX_TEMPLATE_BYTES = 1_000_000;

/** Template pages of the corpora folder, in the order scripts/eval-reprints.mjs lists them. */
function templatePages(corpora) {
  const out = [];
  for (const corpus of TEMPLATE_CORPORA) {
    for (const p of loadCorpus(corpus, corpora)) out.push({ key: `${corpus}:${p.name}`, corpus, name: p.name, url: p.url ?? null, load: p.load, expected: p.expectedLoader });
  }
  return out;
}

function readCache(file, pages) {
  if (!existsSync(file)) return null;
  try {
    const c = JSON.parse(readFileSync(file, 'utf8'));
    return c.version === REPRINTS_VERSION && c.pages === pages ? c : null;
  } catch {
    return null;
  }
}

/**
 * The templates (each { key, corpus, name, site, lang, origin, html }), at most MAX_TEMPLATE_BYTES,
 * sorted by key. Throws when the corpora folder is missing.
 */
export async function benchTemplates({ corpora, cacheDirs, log = () => {} }) {
  for (const c of TEMPLATE_CORPORA) if (!existsSync(path.join(corpora, c))) throw new Error(`real page templates: ${path.join(corpora, c)} not found (set REPRINT_CORPORA to the corpora folder)`);
  const pages = templatePages(corpora);
  let cache = null;
  let source = null;
  for (const d of cacheDirs) {
    const f = path.join(d, `templates-v${REPRINTS_VERSION}.json`);
    cache = readCache(f, pages.length);
    if (cache) {
      source = f;
      break;
    }
  }
  if (!cache) {
    const t0 = Date.now();
    cache = buildTemplates(pages, log);
    mkdirSync(cacheDirs[0], { recursive: true });
    source = path.join(cacheDirs[0], `templates-v${REPRINTS_VERSION}.json`);
    const tmp = `${source}.tmp-${process.pid}`;
    writeFileSync(tmp, JSON.stringify(cache));
    renameSync(tmp, source);
    log(`  prepared ${cache.templates.length} templates of ${pages.length} pages in ${Math.round((Date.now() - t0) / 1000)}s -> ${source}`);
  }
  const templates = cache.templates.filter((t) => t.html.length <= MAX_TEMPLATE_BYTES).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { templates, usable: cache.templates.length, of: cache.pages, failed: cache.failed, source };
}
