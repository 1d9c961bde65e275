/**
 * An index as two Parquet files, for SQL engines and Spark: `documents.parquet` (one row per
 * document) and `contents.parquet` (one row per content those documents hold, with its signature
 * and band keys), so LSH candidates can be computed where the index is too big for one machine.
 * The layout and a candidate-pairs query are in docs/parquet.md.
 */
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileWriter, ParquetWriter, type ColumnSource, type KeyValue, type SchemaElement } from 'hyparquet-writer';
import { compareStrings, INDEX_PARAM_KEYS, type IndexedDocument, type IndexParams, type IndexStore } from '../index/store.js';

export interface ParquetExportOptions {
  /** Folder the files are written to; made when missing. */
  dir: string;
  /** Only documents of these crawl labels (null: every document). */
  labels: readonly (string | null)[] | null;
  /** Add each content's shingle set (null for contents stored without one). */
  shingleSets: boolean;
  /** Rows a row group holds, and contents read from the store at once. */
  chunkRows?: number;
}

export interface ParquetExport {
  params: IndexParams | null;
  documents: { path: string; rows: number };
  contents: { path: string; rows: number };
}

const CHUNK_ROWS = 10_000;

/** The file system refused the output folder or a file in it (a store's failures pass as they are). */
export class ExportWriteError extends Error {
  override name = 'ExportWriteError';
}

/** Runs a step that only touches the output, naming the file when the system refuses it. */
async function onDisk<T>(file: string, step: () => T | Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (e) {
    if (e instanceof Error && 'syscall' in e) throw new ExportWriteError(`cannot write ${file}: ${e.message}`, { cause: e });
    throw e;
  }
}

const text = (name: string, nullable: boolean): SchemaElement => ({
  name,
  type: 'BYTE_ARRAY',
  converted_type: 'UTF8',
  repetition_type: nullable ? 'OPTIONAL' : 'REQUIRED',
});

const count = (name: string): SchemaElement => ({ name, type: 'INT32', repetition_type: 'REQUIRED' });

/** A LIST of UINT32 (the standard three levels): DuckDB reads UINTEGER[], Spark array<bigint>, Arrow list<uint32>. */
const uint32List = (name: string, nullable: boolean): SchemaElement[] => [
  { name, repetition_type: nullable ? 'OPTIONAL' : 'REQUIRED', converted_type: 'LIST', num_children: 1 },
  { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
  { name: 'element', type: 'INT32', converted_type: 'UINT_32', repetition_type: 'REQUIRED' },
];

const DOCUMENT_COLUMNS: [name: string, nullable: boolean, value: (d: IndexedDocument) => string | null][] = [
  ['locator', false, (d) => d.locator],
  ['path', false, (d) => d.path],
  ['url', true, (d) => d.url],
  ['id', true, (d) => d.id ?? null],
  ['outlet', true, (d) => d.outlet],
  ['title', true, (d) => d.title],
  ['dateline', true, (d) => d.dateline],
  ['published', true, (d) => d.published],
  ['credit', true, (d) => d.credit],
  ['label', true, (d) => d.label],
  ['added_at', false, (d) => d.addedAt],
  ['content_hash', false, (d) => d.contentHash],
];

function documentSchema(): SchemaElement[] {
  return [{ name: 'root', num_children: DOCUMENT_COLUMNS.length }, ...DOCUMENT_COLUMNS.map(([name, nullable]) => text(name, nullable))];
}

function contentSchema(shingleSets: boolean): SchemaElement[] {
  return [
    { name: 'root', num_children: shingleSets ? 6 : 5 },
    text('content_hash', false),
    count('shingles'),
    count('words'),
    ...uint32List('signature', false),
    ...uint32List('band_keys', false),
    ...(shingleSets ? uint32List('shingle_set', true) : []),
  ];
}

/** The sketch settings as key-value metadata of both files: `reprint.numPerm` = `128`, ... */
function paramsMetadata(params: IndexParams | null): KeyValue[] | undefined {
  return params === null ? undefined : INDEX_PARAM_KEYS.map((k) => ({ key: `reprint.${k}`, value: String(params[k]) }));
}

/**
 * A Parquet file written a row group at a time under a temporary name, put in place once both
 * files are whole: a failed export leaves the files of an earlier one as they were.
 */
class ParquetFile {
  private readonly partial: string;
  private readonly writer: ParquetWriter;
  rows = 0;

  private constructor(
    readonly file: string,
    schema: SchemaElement[],
    kvMetadata: KeyValue[] | undefined,
  ) {
    this.partial = `${file}.partial`;
    this.writer = new ParquetWriter({ writer: fileWriter(this.partial), schema, ...(kvMetadata ? { kvMetadata } : {}), createdBy: 'reprint' });
  }

  /** Opening the file is writing to it (fileWriter empties it at once). */
  static async create(file: string, schema: SchemaElement[], kvMetadata: KeyValue[] | undefined): Promise<ParquetFile> {
    return onDisk(file, () => new ParquetFile(file, schema, kvMetadata));
  }

  async write(columnData: ColumnSource[], rows: number): Promise<void> {
    if (rows === 0) return;
    // fileWriter appends to the file after each row group: only this chunk is held.
    await onDisk(this.file, () => this.writer.write({ columnData, rowGroupSize: rows }));
    this.rows += rows;
  }

  async finish(): Promise<void> {
    await onDisk(this.file, () => this.writer.finish());
  }

  async place(): Promise<void> {
    await onDisk(this.file, () => rename(this.partial, this.file));
  }

  async discard(): Promise<void> {
    await rm(this.partial, { force: true });
  }
}

/**
 * Writes the index's documents (sorted by locator) and their contents (sorted by hash). Documents
 * are held whole to be sorted (their metadata only, a few hundred bytes each, plus the set of
 * content hashes); contents are read and written `chunkRows` at a time, one row group each.
 */
export async function exportParquet(store: IndexStore, options: ParquetExportOptions): Promise<ParquetExport> {
  const chunkRows = options.chunkRows ?? CHUNK_ROWS;
  const params = await store.readParams();
  const docs: IndexedDocument[] = [];
  for await (const batch of store.listDocuments(options.labels)) docs.push(...batch);
  docs.sort((a, b) => compareStrings(a.locator, b.locator));
  const hashes = [...new Set(docs.map((d) => d.contentHash))].sort(compareStrings);

  await onDisk(options.dir, () => mkdir(options.dir, { recursive: true }));
  const kv = paramsMetadata(params);
  const documents = await ParquetFile.create(path.join(options.dir, 'documents.parquet'), documentSchema(), kv);
  let contents: ParquetFile;
  try {
    contents = await ParquetFile.create(path.join(options.dir, 'contents.parquet'), contentSchema(options.shingleSets), kv);
  } catch (e) {
    await documents.discard();
    throw e;
  }
  try {
    for (let i = 0; i < docs.length; i += chunkRows) {
      const chunk = docs.slice(i, i + chunkRows);
      await documents.write(
        DOCUMENT_COLUMNS.map(([name, , value]) => ({ name, data: chunk.map(value) })),
        chunk.length,
      );
    }
    for (let i = 0; i < hashes.length; i += chunkRows) {
      const chunk = hashes.slice(i, i + chunkRows);
      const [found, keys, sets] = await Promise.all([
        store.contents(chunk),
        store.bandKeys(chunk),
        options.shingleSets ? store.shingleSets(chunk) : Promise.resolve(null),
      ]);
      // A content removed since the documents were listed is left out with its row.
      const held = chunk.filter((h) => found.has(h) && keys.has(h));
      const columns: ColumnSource[] = [
        { name: 'content_hash', data: held },
        { name: 'shingles', data: held.map((h) => found.get(h)!.shingles) },
        { name: 'words', data: held.map((h) => found.get(h)!.words) },
        // The writer takes lists as plain arrays, not typed ones.
        { name: 'signature', data: held.map((h) => Array.from(found.get(h)!.signature)) },
        { name: 'band_keys', data: held.map((h) => Array.from(keys.get(h)!)) },
      ];
      if (sets !== null) columns.push({ name: 'shingle_set', data: held.map((h) => (sets.has(h) ? Array.from(sets.get(h)!) : null)) });
      await contents.write(columns, held.length);
    }
    await documents.finish();
    await contents.finish();
    await documents.place();
    await contents.place();
  } catch (e) {
    await Promise.all([documents.discard(), contents.discard()]);
    throw e;
  }
  return {
    params,
    documents: { path: documents.file, rows: documents.rows },
    contents: { path: contents.file, rows: contents.rows },
  };
}
