/**
 * The index store contract, run against every store (memory, SQLite, Redis, Redis Cluster):
 * each must give the same answers. Not a test file itself: the runners beside it call
 * describeIndexStore, and the store-specific tests (test/unit/stores/) use its entries.
 */
import { describe, expect, it } from 'vitest';
import { bandKeys } from '../../src/sketch/bands.js';
import { MINHASH_SCHEME } from '../../src/sketch/minhash.js';
import { BUCKET_CANDIDATES_MAX, IndexParamsError, type IndexEntry, type IndexParams, type IndexStore } from '../../src/index/store.js';

export const PARAMS: IndexParams = { scheme: 'reprint-minhash/1', seed: 7, numPerm: 16, shingleSize: 5, bands: 4, rows: 4 };

/** A deterministic pseudo-random signature; `share` of its positions copied from `base`. */
export function signature(seed: number, base?: Uint32Array, share = 0): Uint32Array {
  const sig = new Uint32Array(PARAMS.numPerm);
  let x = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < sig.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    sig[i] = base !== undefined && i < Math.round(share * sig.length) ? base[i]! : x;
  }
  return sig;
}

export function entry(locator: string, sig: Uint32Array, over: Partial<IndexEntry['doc']> = {}, hash?: string): IndexEntry {
  const contentHash = hash ?? Array.from(sig.subarray(0, 2), (w) => w.toString(16).padStart(8, '0')).join('');
  const isUrl = /^https?:/.test(locator);
  return {
    doc: {
      locator,
      path: isUrl ? `crawl.warc.gz#${locator.length}` : locator,
      url: isUrl ? locator : null,
      contentHash,
      outlet: 'Outlet',
      title: `Title of ${locator}`,
      dateline: null,
      published: '2025-01-02',
      label: 'crawl-1',
      addedAt: '2026-01-01T00:00:00.000Z',
      credit: null,
      ...over,
    },
    content: { contentHash, signature: sig, shingles: 400, words: 404 },
    bandKeys: bandKeys(sig, PARAMS.bands, PARAMS.rows),
    shingleSet: shingleSetOf(sig),
  };
}

/** A sorted, distinct shingle set standing for the content of signature `sig` (400 values). */
function shingleSetOf(sig: Uint32Array): Uint32Array {
  const set = new Set<number>();
  let x = sig[0]! || 1;
  while (set.size < 400) {
    x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    set.add(x);
  }
  return Uint32Array.from([...set].sort((p, q) => p - q));
}

async function listAll(s: IndexStore, labels: readonly (string | null)[] | null): Promise<string[]> {
  const out: string[] = [];
  for await (const batch of s.listDocuments(labels)) for (const d of batch) out.push(d.locator);
  return out.sort();
}

interface StoreFactory {
  /** A new, empty store. */
  fresh(): Promise<IndexStore>;
  /** The same index opened again (a new connection or file handle), when the store persists. */
  reopen?(store: IndexStore): Promise<IndexStore>;
}

export function describeIndexStore(name: string, factory: StoreFactory): void {
  describe(`index store contract: ${name}`, () => {
    const a = signature(1);
    const aCopy = signature(2, a, 0.75); // shares bands 0-2 with a
    const b = signature(3);

    it('starts empty, with no params', async () => {
      const s = await factory.fresh();
      try {
        expect(await s.readParams()).toBeNull();
        const st = await s.stats();
        expect(st).toMatchObject({ documents: 0, contents: 0, labels: [], params: null });
        expect(await s.candidates([bandKeys(a, 4, 4)])).toEqual([[]]);
        expect((await s.documentsAt(['x'])).size).toBe(0);
      } finally {
        await s.close();
      }
    });

    it('adds documents and finds them by band, locator and content', async () => {
      const s = await factory.fresh();
      try {
        const ea = entry('https://a.example/1', a);
        const eb = entry('pages/b.html', b, { url: null, label: null });
        expect(await s.add(PARAMS, [ea, eb])).toEqual({ added: 2, replaced: 0, unchanged: 0 });
        expect(await s.readParams()).toEqual(PARAMS);

        const [forCopy, forB] = await s.candidates([bandKeys(aCopy, 4, 4), bandKeys(b, 4, 4)]);
        expect(forCopy).toEqual([ea.doc.contentHash]);
        expect(forB).toEqual([eb.doc.contentHash]);

        const contents = await s.contents([ea.doc.contentHash, 'ffffffffffffffff']);
        expect([...contents.keys()]).toEqual([ea.doc.contentHash]);
        expect(Array.from(contents.get(ea.doc.contentHash)!.signature)).toEqual(Array.from(a));
        expect(contents.get(ea.doc.contentHash)).toMatchObject({ shingles: 400, words: 404 });

        const at = await s.documentsAt(['https://a.example/1', 'pages/b.html', 'nope']);
        expect(at.get('https://a.example/1')).toEqual(ea.doc);
        expect(at.get('pages/b.html')).toEqual(eb.doc);
        expect(at.has('nope')).toBe(false);

        const st = await s.stats();
        expect(st).toMatchObject({ documents: 2, contents: 2, params: PARAMS });
        expect(st.labels.map((l) => [l.label, l.documents])).toEqual([
          ['crawl-1', 1],
          [null, 1],
        ]);
      } finally {
        await s.close();
      }
    });

    it('stores the same content once, however many times or places it is added', async () => {
      const s = await factory.fresh();
      try {
        const e1 = entry('one.txt', a);
        expect(await s.add(PARAMS, [e1])).toEqual({ added: 1, replaced: 0, unchanged: 0 });
        expect(await s.add(PARAMS, [e1])).toEqual({ added: 0, replaced: 0, unchanged: 1 });
        const e2 = entry('two.txt', a);
        expect(await s.add(PARAMS, [e2])).toEqual({ added: 1, replaced: 0, unchanged: 0 });
        expect(await s.stats()).toMatchObject({ documents: 2, contents: 1 });
        const holders = await s.documentsWith([e1.doc.contentHash]);
        expect(holders.get(e1.doc.contentHash)!.map((d) => d.locator)).toEqual(['one.txt', 'two.txt']);
        expect(await s.candidates([bandKeys(a, 4, 4)])).toEqual([[e1.doc.contentHash]]);
      } finally {
        await s.close();
      }
    });

    it('replaces the entry of a changed page, and forgets content nothing holds', async () => {
      const s = await factory.fresh();
      try {
        await s.add(PARAMS, [entry('page.html', a)]);
        const changed = entry('page.html', b);
        expect(await s.add(PARAMS, [changed])).toEqual({ added: 0, replaced: 1, unchanged: 0 });
        expect((await s.documentsAt(['page.html'])).get('page.html')!.contentHash).toBe(changed.doc.contentHash);
        expect(await s.stats()).toMatchObject({ documents: 1, contents: 1 });
        expect(await s.candidates([bandKeys(a, 4, 4)])).toEqual([[]]);
        expect((await s.contents([entry('x', a).doc.contentHash])).size).toBe(0);
      } finally {
        await s.close();
      }
    });

    it('within one add, a later entry for the same locator wins', async () => {
      const s = await factory.fresh();
      try {
        const first = entry('same.html', a);
        const second = entry('same.html', b);
        expect(await s.add(PARAMS, [first, second])).toEqual({ added: 1, replaced: 1, unchanged: 0 });
        expect(await s.stats()).toMatchObject({ documents: 1, contents: 1 });
        expect(await s.candidates([bandKeys(a, 4, 4), bandKeys(b, 4, 4)])).toEqual([[], [second.doc.contentHash]]);
      } finally {
        await s.close();
      }
    });

    it('refuses other sketch settings and names both', async () => {
      const s = await factory.fresh();
      try {
        await s.add(PARAMS, [entry('a.txt', a)]);
        const other = { ...PARAMS, numPerm: 32, bands: 8 };
        const err = await s.add(other, [entry('b.txt', b)]).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(IndexParamsError);
        expect((err as Error).message).toMatch(/numPerm: index has 16, this run uses 32/);
        expect((err as Error).message).toMatch(/bands: index has 4, this run uses 8/);
        expect(await s.stats()).toMatchObject({ documents: 1 });
      } finally {
        await s.close();
      }
    });

    it('refuses to mix signatures of an index built under the previous MinHash scheme', async () => {
      // reprint-minhash/3 changed the text normalisation (Arabic and ё folds): every signature and
      // content hash of an index built under /2 would be compared with differently normalised text.
      expect(MINHASH_SCHEME).toBe('reprint-minhash/3');
      const s = await factory.fresh();
      try {
        const old = { ...PARAMS, scheme: 'reprint-minhash/2' };
        await s.add(old, [entry('a.txt', a)]);
        const err = await s.add({ ...old, scheme: MINHASH_SCHEME }, [entry('b.txt', b)]).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(IndexParamsError);
        expect((err as Error).message).toMatch(/scheme: index has reprint-minhash\/2, this run uses reprint-minhash\/3/);
        expect(await s.stats()).toMatchObject({ documents: 1 });
      } finally {
        await s.close();
      }
    });

    it('removes by locator, path, URL and folder', async () => {
      const s = await factory.fresh();
      try {
        await s.add(PARAMS, [
          entry('https://a.example/1', a),
          entry('crawl/x/one.txt', b),
          entry('crawl/x/two.txt', signature(9)),
          entry('crawl/y.txt', signature(10)),
          entry('keep.txt', signature(11)),
        ]);
        expect(await s.remove({ exact: ['https://a.example/1', 'missing.txt'], prefixes: [] })).toEqual(['https://a.example/1']);
        expect(await s.remove({ exact: [], prefixes: ['crawl/x/'] })).toEqual(['crawl/x/one.txt', 'crawl/x/two.txt']);
        expect(await s.remove({ exact: ['crawl/y.txt'], prefixes: [] })).toEqual(['crawl/y.txt']);
        expect(await s.stats()).toMatchObject({ documents: 1, contents: 1 });
        expect(await s.candidates([bandKeys(a, 4, 4), bandKeys(b, 4, 4)])).toEqual([[], []]);
      } finally {
        await s.close();
      }
    });

    it('lists documents, by crawl label too, and gives band keys and shingle sets by content', async () => {
      const s = await factory.fresh();
      try {
        expect(await listAll(s, null)).toEqual([]);
        const ea = entry('https://a.example/1', a, { credit: 'Reuters', id: 'rec-1' });
        const eb = entry('pages/b.html', b, { url: null, label: null });
        const ec = entry('pages/c.html', aCopy, { url: null, label: 'crawl-2' }, 'cccccccccccccccc');
        const noSet = { ...ec, shingleSet: null };
        await s.add(PARAMS, [ea, eb, noSet]);
        expect(await listAll(s, null)).toEqual(['https://a.example/1', 'pages/b.html', 'pages/c.html']);
        expect(await listAll(s, ['crawl-1'])).toEqual(['https://a.example/1']);
        expect(await listAll(s, [null, 'crawl-2'])).toEqual(['pages/b.html', 'pages/c.html']);
        expect(await listAll(s, ['nothing'])).toEqual([]);
        const listed: IndexEntry['doc'][] = [];
        for await (const batch of s.listDocuments(['crawl-1'])) listed.push(...batch);
        expect(listed).toEqual([ea.doc]);

        const hashes = [ea.doc.contentHash, eb.doc.contentHash, ec.doc.contentHash, 'ffffffffffffffff'];
        const keys = await s.bandKeys(hashes);
        expect([...keys.keys()].sort()).toEqual(hashes.slice(0, 3).sort());
        expect(Array.from(keys.get(eb.doc.contentHash)!)).toEqual(Array.from(eb.bandKeys));
        const sets = await s.shingleSets(hashes);
        expect([...sets.keys()].sort()).toEqual([ea.doc.contentHash, eb.doc.contentHash].sort());
        expect(Array.from(sets.get(ea.doc.contentHash)!)).toEqual(Array.from(ea.shingleSet!));

        // A document removed: its content goes from every reader, whatever is left in storage.
        await s.remove({ exact: ['pages/b.html'], prefixes: [] });
        expect(await listAll(s, null)).toEqual(['https://a.example/1', 'pages/c.html']);
        expect((await s.bandKeys([eb.doc.contentHash])).size).toBe(0);
        expect((await s.shingleSets([eb.doc.contentHash])).size).toBe(0);
      } finally {
        await s.close();
      }
    });

    it('gives at most BUCKET_CANDIDATES_MAX contents of a hot band key, the first by hash', async () => {
      const s = await factory.fresh();
      try {
        // More texts than the cap that share band 0 (their first rows values) and nothing else.
        const hot = signature(50);
        const n = BUCKET_CANDIDATES_MAX + 5;
        const entries = Array.from({ length: n }, (_, i) => {
          const sig = signature(1000 + i);
          sig.set(hot.subarray(0, PARAMS.rows));
          return entry(`hot/${i}.txt`, sig, {}, (0x1000000 + i * 7919).toString(16).padStart(16, '0'));
        });
        await s.add(PARAMS, entries);
        const [found] = await s.candidates([bandKeys(hot, PARAMS.bands, PARAMS.rows)]);
        const all = entries.map((e) => e.doc.contentHash).sort();
        expect(found).toEqual(all.slice(0, BUCKET_CANDIDATES_MAX));
        // A removed content gives its place to the next one.
        const first = entries.find((e) => e.doc.contentHash === all[0])!;
        expect(await s.remove({ exact: [first.doc.locator], prefixes: [] })).toEqual([first.doc.locator]);
        const [after] = await s.candidates([bandKeys(hot, PARAMS.bands, PARAMS.rows)]);
        expect(after).toEqual(all.slice(1, BUCKET_CANDIDATES_MAX + 1));
      } finally {
        await s.close();
      }
    }, 60_000);

    if (factory.reopen !== undefined) {
      it('keeps everything when opened again', async () => {
        const s = await factory.fresh();
        await s.add(PARAMS, [entry('https://a.example/1', a, { label: 'monday' })]);
        const again = await factory.reopen!(s);
        try {
          expect(await again.readParams()).toEqual(PARAMS);
          expect(await again.stats()).toMatchObject({ documents: 1, contents: 1 });
          expect(await again.candidates([bandKeys(aCopy, 4, 4)])).toEqual([[entry('z', a).doc.contentHash]]);
          const d = (await again.documentsAt(['https://a.example/1'])).get('https://a.example/1');
          expect(d).toMatchObject({ label: 'monday', title: 'Title of https://a.example/1' });
          const sets = await again.shingleSets([entry('z', a).doc.contentHash]);
          expect(Array.from(sets.get(entry('z', a).doc.contentHash)!)).toEqual(Array.from(shingleSetOf(a)));
        } finally {
          await again.close();
        }
      });
    }
  });
}
