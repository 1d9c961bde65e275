// eval-corpora.mjs — the three extraction corpora in ../shared/corpora, as a list of pages:
//   { corpus, name, url, load(): html, expected: { text, title, published, outlet, outletKind } }
//
// readability/<name>/   source.html; expected.html is Readability's own output (its visible text,
//                       one block a line, is the expected text); expected-metadata.json gives
//                       title, siteName, publishedTime. URL: Readability's test URL
//                       http://fakehost/test/page.html.
// fundus/<cc>/          <Publisher>_<YYYY_MM_DD>.html.gz; <Publisher>.json maps parser versions
//                       (V1, V1_1, V2, ...) to expected output. Pages are paired with versions in
//                       order: files sorted by date, versions sorted numerically (fundus picks the
//                       parser version valid at the crawl date, so the i-th oldest page belongs to
//                       the i-th version). Checked on every publisher: the counts agree and each
//                       entry's body words are best covered by its paired page. Expected text:
//                       body.summary, then each section's headline and paragraphs, one a line
//                       (fundus' own plaintext of the body; the title is not part of it). URL from
//                       meta.info. Expected outlet: the publisher's id (APNews, DieWelt): a code
//                       name, not a printed site name, so it is matched loosely (eval-meta.mjs).
// newspaper4k/          html/<name>.html with txt/<name>.txt (pages without a txt are skipped:
//                       main-site, RSS and redirect pages); metadata/<name>.json (when present)
//                       gives url, title, publish_date, meta_site_name.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { parseHTML } from 'linkedom';

export const CORPORA = ['readability', 'fundus', 'newspaper4k'];
const READABILITY_URL = 'http://fakehost/test/page.html';

const readJson = (p) => JSON.parse(fs.readFileSync(p, 'utf8'));
const exists = (p) => fs.existsSync(p);
const str = (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET',
  'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI',
  'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH',
  'THEAD', 'TR', 'UL', 'CAPTION',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);

/**
 * Text of an element with a line break at each block boundary and nowhere else: line breaks
 * inside a text node are source formatting, so they become spaces (the evaluator's own, not
 * reprint's).
 */
export function visibleText(root) {
  const parts = [];
  const walk = (node) => {
    if (node.nodeType === 3) {
      parts.push((node.nodeValue ?? '').replace(/\s+/g, ' '));
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const tag = node.nodeType === 1 ? String(node.tagName).toUpperCase() : '';
    if (SKIP.has(tag)) return;
    const block = BLOCK.has(tag);
    if (block) parts.push('\n');
    for (let c = node.firstChild; c; c = c.nextSibling) walk(c);
    if (block) parts.push('\n');
  };
  walk(root);
  return parts
    .join('')
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter((l) => l !== '')
    .join('\n');
}

function htmlText(html) {
  const whole = /<html[\s>]/i.test(html.slice(0, 4096)) ? html : `<!DOCTYPE html><html><head></head><body>${html}</body></html>`;
  const { document } = parseHTML(whole);
  return visibleText(document.body ?? document.documentElement);
}

function readabilityPages(root) {
  const dir = path.join(root, 'readability');
  const names = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && exists(path.join(dir, d.name, 'source.html')))
    .map((d) => d.name)
    .sort();
  return names.map((name) => {
    const base = path.join(dir, name);
    return {
      corpus: 'readability',
      name,
      url: READABILITY_URL,
      load: () => fs.readFileSync(path.join(base, 'source.html'), 'utf8'),
      expectedLoader: () => {
        const meta = exists(path.join(base, 'expected-metadata.json')) ? readJson(path.join(base, 'expected-metadata.json')) : {};
        return {
          text: htmlText(fs.readFileSync(path.join(base, 'expected.html'), 'utf8')),
          title: str(meta.title),
          published: str(meta.publishedTime),
          outlet: str(meta.siteName),
          outletKind: 'siteName',
        };
      },
    };
  });
}

function versionKey(v) {
  return v
    .replace(/^V/i, '')
    .split('_')
    .map((x) => Number(x));
}

function compareVersions(a, b) {
  const x = versionKey(a);
  const y = versionKey(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? -1) - (y[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

function fundusBodyText(entry) {
  const body = entry?.body ?? {};
  const lines = [];
  for (const s of body.summary ?? []) lines.push(s);
  for (const sec of body.sections ?? []) {
    for (const h of sec.headline ?? []) lines.push(h);
    for (const p of sec.paragraphs ?? []) lines.push(p);
  }
  return lines.map((l) => String(l).replace(/\s+/g, ' ').trim()).filter(Boolean).join('\n');
}

function fundusPages(root) {
  const dir = path.join(root, 'fundus');
  const pages = [];
  const problems = [];
  for (const cc of fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    const cdir = path.join(dir, cc);
    const files = fs.readdirSync(cdir);
    const metaInfo = files.includes('meta.info') ? readJson(path.join(cdir, 'meta.info')) : {};
    for (const jf of files.filter((f) => f.endsWith('.json')).sort()) {
      const pub = jf.slice(0, -5);
      const re = new RegExp(`^${pub.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}_(\\d{4})_(\\d{2})_(\\d{2})\\.html\\.gz$`);
      const htmls = files.filter((f) => re.test(f)).sort();
      const data = readJson(path.join(cdir, jf));
      const versions = Object.keys(data).sort(compareVersions);
      if (htmls.length !== versions.length) problems.push(`${cc}/${pub}: ${htmls.length} pages, ${versions.length} versions`);
      const n = Math.min(htmls.length, versions.length);
      for (let i = 0; i < n; i++) {
        const file = htmls[i];
        const entry = data[versions[i]];
        pages.push({
          corpus: 'fundus',
          name: `${cc}/${file.replace(/\.html\.gz$/, '')}`,
          url: metaInfo[file]?.url ?? undefined,
          version: versions[i],
          load: () => zlib.gunzipSync(fs.readFileSync(path.join(cdir, file))).toString('utf8'),
          expectedLoader: () => ({
            text: fundusBodyText(entry),
            title: str(entry.title),
            published: str(entry.publishing_date),
            outlet: pub,
            outletKind: 'publisher-id',
          }),
        });
      }
    }
  }
  if (problems.length > 0) process.stderr.write(`eval-extract: fundus pairing: ${problems.join('; ')}\n`);
  return pages;
}

function newspaperPages(root) {
  const dir = path.join(root, 'newspaper4k');
  const names = fs
    .readdirSync(path.join(dir, 'html'))
    .filter((f) => f.endsWith('.html'))
    .map((f) => f.slice(0, -5))
    .filter((n) => exists(path.join(dir, 'txt', `${n}.txt`)))
    .sort();
  return names.map((name) => {
    const metaPath = path.join(dir, 'metadata', `${name}.json`);
    const meta = exists(metaPath) ? readJson(metaPath) : null;
    return {
      corpus: 'newspaper4k',
      name,
      url: str(meta?.url) ?? undefined,
      load: () => fs.readFileSync(path.join(dir, 'html', `${name}.html`), 'utf8'),
      expectedLoader: () => ({
        text: fs
          .readFileSync(path.join(dir, 'txt', `${name}.txt`), 'utf8')
          .split('\n')
          .map((l) => l.replace(/\s+/g, ' ').trim())
          .filter(Boolean)
          .join('\n'),
        title: str(meta?.title),
        published: str(meta?.publish_date),
        outlet: str(meta?.meta_site_name),
        outletKind: 'siteName',
      }),
    };
  });
}

export function loadCorpus(name, root) {
  if (name === 'readability') return readabilityPages(root);
  if (name === 'fundus') return fundusPages(root);
  if (name === 'newspaper4k') return newspaperPages(root);
  throw new Error(`unknown corpus ${name}`);
}
