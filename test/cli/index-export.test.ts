/**
 * `index export`: the Parquet files an index is written to, read back with DuckDB. The exporter
 * runs against a memory store filled as `index add` fills one (real pages, real sketches), and
 * DuckDB's LSH candidate pairs over the files must be the pairs the index itself gives. The CLI
 * exports an SQLite index built by `index add` from the same pages.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexEntry, indexParams, sketchForIndex } from '../../src/commands/index-session.js';
import { DEFAULT_SCAN_OPTIONS } from '../../src/commands/settings.js';
import { MemoryIndexStore } from '../../src/index/memory-store.js';
import { compareStrings, type IndexParams, type IndexStore } from '../../src/index/store.js';
import type { IndexExportReport } from '../../src/report/index/types.js';
import { exportParquet, ExportWriteError } from '../../src/stores/parquet-export.js';
import { fixture, removeTempDirs, ROOT, tempDir } from '../helpers.js';
import { json, runMain } from './run.js';

/**
 * LSH candidate pairs over contents.parquet (docs/parquet.md): two distinct contents are
 * candidates when some band holds the same key for both. Each band key is unnested with its
 * position (the band), the keys are self-joined on (band, key), and each pair is kept once,
 * smaller hash first. `WITH ORDINALITY` numbers the list's elements from 1.
 */
const CANDIDATE_PAIRS = (contents: string) => `
  WITH bands AS (
    SELECT c.content_hash, b.band, b.band_key
    FROM read_parquet('${contents}') AS c, unnest(c.band_keys) WITH ORDINALITY AS b(band_key, band)
  )
  SELECT DISTINCT x.content_hash AS a, y.content_hash AS b
  FROM bands AS x JOIN bands AS y ON x.band = y.band AND x.band_key = y.band_key AND x.content_hash < y.content_hash
  ORDER BY a, b`;

const ADDED_AT = '2026-03-01T12:00:00.000Z';

let store: MemoryIndexStore;
let params: IndexParams;
let duck: DuckDBInstance;
let db: DuckDBConnection;

async function rows(sql: string): Promise<unknown[][]> {
  return (await db.runAndReadAll(sql)).getRows();
}

beforeAll(async () => {
  store = new MemoryIndexStore();
  const options = { ...DEFAULT_SCAN_OPTIONS, jobs: 2 };
  params = await indexParams(store, options);
  // Two crawls: the Kazakhstan statement, its verbatim copies (one content) and two edited ones
  // (fixtures/README.md), and a wire story republished twice, whose pages carry ids, URLs and a
  // credit. Only the edited copies make pairs: a verbatim copy is the same content.
  for (const [label, inputs] of [
    ['seeds', [fixture('kazakhstan'), fixture('html'), fixture('explain')]],
    ['wire', [fixture('crawl', 'outlets.jsonl')]],
  ] as const) {
    const { pages, errors } = await sketchForIndex(inputs, options, params, { cwd: ROOT });
    expect(errors).toEqual([]);
    await store.add(
      params,
      pages.map((p) => indexEntry(p, params, label, ADDED_AT, true)),
    );
  }
  duck = await DuckDBInstance.create(':memory:');
  db = await duck.connect();
});

afterAll(() => {
  db?.closeSync();
  duck?.closeSync();
  removeTempDirs();
});

/** The pairs the index gives: for each content, the contents sharing a band with it. */
async function indexPairs(labels: readonly string[] | null): Promise<string[][]> {
  const hashes = new Set<string>();
  for await (const batch of store.listDocuments(labels)) for (const d of batch) hashes.add(d.contentHash);
  const keys = await store.bandKeys([...hashes]);
  const pairs = new Set<string>();
  for (const [hash, k] of keys) {
    const [found] = await store.candidates([k]);
    for (const other of found!) {
      // The store answers for the whole index; an export of some labels holds only their contents.
      if (other === hash || !hashes.has(other)) continue;
      pairs.add([hash, other].sort(compareStrings).join(' '));
    }
  }
  return [...pairs].sort(compareStrings).map((p) => p.split(' '));
}

describe('index export to Parquet', () => {
  it('writes one row per document and per content, sorted, with the sketch settings as metadata', async () => {
    const dir = path.join(tempDir(), 'out', 'nested');
    const written = await exportParquet(store, { dir, labels: null, shingleSets: false });
    const stats = await store.stats();
    expect(written).toEqual({
      params,
      documents: { path: path.join(dir, 'documents.parquet'), rows: stats.documents },
      contents: { path: path.join(dir, 'contents.parquet'), rows: stats.contents },
    });
    expect(readdirSync(dir).sort()).toEqual(['contents.parquet', 'documents.parquet']);
    const documents = written.documents.path;
    const contents = written.contents.path;

    expect(await rows(`SELECT count(*)::INTEGER FROM read_parquet('${documents}')`)).toEqual([[stats.documents]]);
    expect(await rows(`SELECT count(*)::INTEGER FROM read_parquet('${contents}')`)).toEqual([[stats.contents]]);
    const locators = (await rows(`SELECT locator FROM read_parquet('${documents}')`)).map((r) => r[0] as string);
    expect(locators).toEqual([...locators].sort(compareStrings));
    const hashes = (await rows(`SELECT content_hash FROM read_parquet('${contents}')`)).map((r) => r[0] as string);
    expect(hashes).toEqual([...hashes].sort(compareStrings));

    // The republished wire story: id, URL as locator, the credit its page gives.
    const coast = (await rows(`SELECT * FROM read_parquet('${documents}') WHERE id = '4417'`))[0]!;
    const doc = [...(await store.documentsAt([coast[0] as string])).values()][0]!;
    expect(coast).toEqual([
      doc.locator,
      doc.path,
      doc.url,
      '4417',
      doc.outlet,
      doc.title,
      doc.dateline,
      doc.published,
      'Harbour Wire',
      'wire',
      ADDED_AT,
      doc.contentHash,
    ]);
    // A page of a folder: no URL, so its path is its locator; no id.
    expect(await rows(`SELECT locator, path, url, id, label FROM read_parquet('${documents}') WHERE path LIKE '%kazakh-president-kill-order.txt'`)).toEqual([
      ['fixtures/kazakhstan/kazakh-president-kill-order.txt', 'fixtures/kazakhstan/kazakh-president-kill-order.txt', null, null, 'seeds'],
    ]);

    // A content's row: sizes, the signature and band keys as lists of UINT32, in order.
    const [content] = (await store.contents([doc.contentHash])).values();
    const [bandKeys] = (await store.bandKeys([doc.contentHash])).values();
    const row = (await rows(`SELECT shingles, words, signature, band_keys, typeof(signature) FROM read_parquet('${contents}') WHERE content_hash = '${doc.contentHash}'`))[0]!;
    expect(row[0]).toBe(content!.shingles);
    expect(row[1]).toBe(content!.words);
    expect((row[2] as { items: number[] }).items).toEqual(Array.from(content!.signature));
    expect((row[3] as { items: number[] }).items).toEqual(Array.from(bandKeys!));
    expect(row[4]).toBe('UINTEGER[]');
    // Keys past 2^31 come back unsigned.
    expect(Array.from(content!.signature).some((v) => v > 2 ** 31)).toBe(true);

    for (const file of [documents, contents]) {
      const meta = await rows(`SELECT decode(key), decode(value) FROM parquet_kv_metadata('${file}') WHERE decode(key) LIKE 'reprint.%' ORDER BY 1`);
      expect(Object.fromEntries(meta)).toEqual({
        'reprint.bands': String(params.bands),
        'reprint.numPerm': String(params.numPerm),
        'reprint.rows': String(params.rows),
        'reprint.scheme': params.scheme,
        'reprint.seed': String(params.seed),
        'reprint.shingleSize': String(params.shingleSize),
      });
    }
    expect(await rows(`SELECT count(*)::INTEGER FROM parquet_schema('${contents}') WHERE name = 'shingle_set'`)).toEqual([[0]]);
  });

  it("DuckDB's candidate pairs over the files are the index's own LSH candidates", async () => {
    const written = await exportParquet(store, { dir: tempDir(), labels: null, shingleSets: false });
    const pairs = await rows(CANDIDATE_PAIRS(written.contents.path));
    const expected = await indexPairs(null);
    expect(pairs).toEqual(expected);
    // Real pairs: the statement and its two edited copies, each with the others.
    const copies = await store.documentsAt(
      ['kazakhstan/official-statement-bare.txt', 'explain/steppe-courier-2022-01-10.txt', 'explain/caspian-daily-2022-01-11.txt'].map((f) => `fixtures/${f}`),
    );
    const hashes = [...copies.values()].map((d) => d.contentHash).sort(compareStrings);
    expect(new Set(hashes).size).toBe(3);
    expect(expected).toEqual(expect.arrayContaining([[hashes[0], hashes[1]], [hashes[0], hashes[2]], [hashes[1], hashes[2]]]));

    // The Jaccard estimate of docs/parquet.md: the share of signature positions two texts agree on.
    const estimates = await rows(`
      WITH pairs AS (${CANDIDATE_PAIRS(written.contents.path)})
      SELECT p.a, p.b, len(list_filter(list_zip(x.signature, y.signature), s -> s[1] = s[2])) / len(x.signature) AS jaccard
      FROM pairs AS p
      JOIN read_parquet('${written.contents.path}') AS x ON x.content_hash = p.a
      JOIN read_parquet('${written.contents.path}') AS y ON y.content_hash = p.b
      ORDER BY p.a, p.b`);
    const signatures = await store.contents(expected.flat());
    expect(estimates).toEqual(
      expected.map(([a, b]) => {
        const [x, y] = [signatures.get(a!)!.signature, signatures.get(b!)!.signature];
        return [a, b, x.filter((v, i) => v === y[i]).length / x.length];
      }),
    );
  });

  it('exports the documents of some labels and only their contents, in row groups of the chunk size', async () => {
    const written = await exportParquet(store, { dir: tempDir(), labels: ['wire'], shingleSets: false, chunkRows: 2 });
    const wire = (await store.stats()).labels.find((l) => l.label === 'wire')!.documents;
    expect(written.documents.rows).toBe(wire);
    expect(await rows(`SELECT DISTINCT label FROM read_parquet('${written.documents.path}')`)).toEqual([['wire']]);
    expect(
      await rows(
        `SELECT count(*)::INTEGER FROM read_parquet('${written.contents.path}') WHERE content_hash NOT IN (SELECT content_hash FROM read_parquet('${written.documents.path}'))`,
      ),
    ).toEqual([[0]]);
    const groups = await rows(`SELECT count(DISTINCT row_group_id)::INTEGER FROM parquet_metadata('${written.documents.path}')`);
    expect(groups).toEqual([[Math.ceil(wire / 2)]]);
    expect(await rows(CANDIDATE_PAIRS(written.contents.path))).toEqual(await indexPairs(['wire']));
  });

  it('with shingleSets, adds each content its shingle set; replaces the files of an earlier export', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'contents.parquet'), 'not parquet');
    const written = await exportParquet(store, { dir, labels: null, shingleSets: true });
    const hash = (await rows(`SELECT content_hash FROM read_parquet('${written.contents.path}') LIMIT 1`))[0]![0] as string;
    const [set] = (await store.shingleSets([hash])).values();
    const [row] = await rows(`SELECT shingle_set, shingles FROM read_parquet('${written.contents.path}') WHERE content_hash = '${hash}'`);
    expect((row![0] as { items: number[] }).items).toEqual(Array.from(set!));
    expect(row![1]).toBe(set!.length);
    expect(existsSync(`${written.contents.path}.partial`)).toBe(false);
  });

  it('an empty index gives files without rows or settings', async () => {
    const written = await exportParquet(new MemoryIndexStore(), { dir: tempDir(), labels: null, shingleSets: false });
    expect(written).toMatchObject({ params: null, documents: { rows: 0 }, contents: { rows: 0 } });
    expect(await rows(`SELECT count(*)::INTEGER FROM read_parquet('${written.contents.path}')`)).toEqual([[0]]);
    expect(await rows(CANDIDATE_PAIRS(written.contents.path))).toEqual([]);
  });

  it('an output folder that cannot be made is an ExportWriteError naming it', async () => {
    const file = path.join(tempDir(), 'taken');
    writeFileSync(file, 'a file, not a folder');
    await expect(exportParquet(store, { dir: path.join(file, 'out'), labels: null, shingleSets: false })).rejects.toThrow(ExportWriteError);
    await expect(exportParquet(store, { dir: path.join(file, 'out'), labels: null, shingleSets: false })).rejects.toThrow(/cannot write .*taken\/out/);
  });
});

describe('reprint index export', () => {
  let cwd: string;
  beforeAll(async () => {
    cwd = tempDir();
    for (const [label, inputs] of [
      ['seeds', [fixture('kazakhstan'), fixture('html'), fixture('explain')]],
      ['wire', [fixture('crawl', 'outlets.jsonl')]],
    ] as const) {
      const r = await runMain(['index', 'add', ...inputs, '--index', 'crawls.db', '--label', label], { cwd });
      expect(r.code, r.stderr).toBe(0);
    }
  }, 60_000);

  it('writes the files under --output and reports them as JSON', async () => {
    const r = await runMain(['index', 'export', '--index', 'crawls.db', '--format', 'parquet', '--output', 'out', '--label', 'wire', '--label', 'none-such'], { cwd });
    expect(r.code).toBe(0);
    const report = json<IndexExportReport>(r);
    const wire = (await store.stats()).labels.find((l) => l.label === 'wire')!.documents;
    expect(report).toEqual({
      schema: 'reprint/index-export@1',
      index: { location: 'crawls.db' },
      format: 'parquet',
      labels: ['wire', 'none-such'],
      params,
      files: { documents: { path: 'out/documents.parquet', rows: wire }, contents: { path: 'out/contents.parquet', rows: 2 } },
      elapsedMs: expect.any(Number),
    });
    expect(await rows(`SELECT count(*)::INTEGER FROM read_parquet('${path.join(cwd, 'out', 'documents.parquet')}')`)).toEqual([[wire]]);
  });

  it('an index that cannot be opened, or a folder that cannot be written: exit 2 and one line', async () => {
    const missing = await runMain(['index', 'export', '--index', 'missing.db', '--output', 'out'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/^reprint: no index at missing\.db .*\n$/);
    writeFileSync(path.join(cwd, 'taken'), 'a file, not a folder');
    const taken = await runMain(['index', 'export', '--index', 'crawls.db', '--output', 'taken'], { cwd });
    expect(taken.code).toBe(2);
    expect(taken.stdout).toBe('');
    expect(taken.stderr).toMatch(/^reprint: cannot write .*taken: .*\n$/);
  });


  it('writes Parquet only, and needs a store and a folder (-o, --output names the folder)', async () => {
    const csv = await runMain(['index', 'export', '--index', 'x.db', '--output', 'out', '--format', 'csv']);
    expect(csv.code).toBe(2);
    expect(csv.stderr).toMatch(/--format.*Allowed choices are parquet/s);
    const bare = await runMain(['index', 'export', '--index', 'x.db']);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/required option '-o, --output <dir>'/);
  });
});
