/**
 * The index in one SQLite file (better-sqlite3, WAL). One `add` is one IMMEDIATE transaction:
 * a killed process leaves the file as it was before the add, and concurrent adders queue on the
 * write lock (busy_timeout) instead of failing.
 *
 * Band keys are stored as band * 2^32 + key in one WITHOUT ROWID table keyed (key, content), so
 * a query is one index probe per band and adding the same content twice writes nothing new.
 */
import { existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { sortLabels } from '../index/memory-store.js';
import {
  BUCKET_CANDIDATES_MAX,
  compareStrings,
  IndexOpenError,
  IndexParamsError,
  INDEX_FORMAT,
  paramDifferences,
  selects,
  signatureFromBytes,
  signatureToBytes,
  type AddResult,
  type IndexedContent,
  type IndexedDocument,
  type IndexEntry,
  type IndexParams,
  type IndexStats,
  type IndexStore,
  type RemoveSelector,
  type StoreHooks,
} from '../index/store.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS contents (
  id INTEGER PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  shingles INTEGER NOT NULL,
  words INTEGER NOT NULL,
  signature BLOB NOT NULL,
  bands BLOB NOT NULL,
  refs INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS documents (
  locator TEXT PRIMARY KEY,
  path TEXT NOT NULL,
  url TEXT,
  content INTEGER NOT NULL REFERENCES contents(id),
  outlet TEXT, title TEXT, dateline TEXT, published TEXT, label TEXT,
  added_at TEXT NOT NULL,
  page_id TEXT, credit TEXT
);
CREATE INDEX IF NOT EXISTS documents_content ON documents(content);
CREATE INDEX IF NOT EXISTS documents_path ON documents(path);
CREATE TABLE IF NOT EXISTS bands (key INTEGER NOT NULL, content INTEGER NOT NULL, PRIMARY KEY (key, content)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS shingle_sets (content INTEGER PRIMARY KEY REFERENCES contents(id), shingles BLOB NOT NULL);
`;

/**
 * Columns of documents that indexes written before them lack: added by the next add (ALTER TABLE
 * ADD COLUMN rewrites nothing), read as NULL until then. An older reprint ignores them.
 */
const LATER_DOC_COLUMNS = ['page_id', 'credit'] as const;

const BAND_SPAN = 2 ** 32;
/** Documents per batch of listDocuments. */
const LIST_BATCH = 10_000;

interface DocRow {
  locator: string;
  path: string;
  url: string | null;
  hash: string;
  outlet: string | null;
  title: string | null;
  dateline: string | null;
  published: string | null;
  label: string | null;
  added_at: string;
  page_id: string | null;
  credit: string | null;
}

function toDoc(r: DocRow): IndexedDocument {
  return {
    locator: r.locator,
    path: r.path,
    ...(r.page_id !== null ? { id: r.page_id } : {}),
    url: r.url,
    contentHash: r.hash,
    outlet: r.outlet,
    title: r.title,
    dateline: r.dateline,
    published: r.published,
    label: r.label,
    addedAt: r.added_at,
    credit: r.credit,
  };
}

function bandsToBytes(keys: Uint32Array): Buffer {
  return Buffer.from(signatureToBytes(keys));
}

interface SqliteOpenOptions {
  /** Create the file when it does not exist (index add, check --update). */
  create: boolean;
  /** The index as the user named it, for messages (default: the file path). */
  name?: string;
  hooks?: StoreHooks;
}

/** How long a connection waits for another one's lock before SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 120_000;

/**
 * Switches the file to WAL. On a file not yet in WAL (a new index), the switch reads the header
 * and then writes it; when another connection holds the write lock between the two (another
 * process creating the same index at that moment), SQLite returns SQLITE_BUSY at once instead of
 * waiting out busy_timeout, as waiting while holding a read lock could deadlock. Once the other
 * connection is done the file is in WAL and the switch writes nothing: so try again, as
 * busy_timeout would have waited.
 */
function useWal(db: Database.Database): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (e) {
      if ((e as { code?: unknown }).code !== 'SQLITE_BUSY' || Date.now() >= deadline) throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}

export function openSqliteStore(file: string, opts: SqliteOpenOptions): SqliteIndexStore {
  const name = opts.name ?? file;
  const exists = existsSync(file);
  if (!exists && !opts.create) throw new IndexOpenError(`no index at ${name} (create one with: reprint index add <paths...> --index ${name})`);
  if (exists && statSync(file).isDirectory()) throw new IndexOpenError(`${name} is a folder, not an index file`);
  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: !opts.create });
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    useWal(db);
    // FULL: a commit is on disk before add returns, so the index loses nothing on power loss either.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Band rows land at random places in their B-tree: a large page cache keeps big adds fast.
    db.pragma('cache_size = -262144');
  } catch (e) {
    throw new IndexOpenError(`cannot open index ${name}: ${(e as Error).message}`);
  }
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    if (tables.length > 0 && !tables.includes('meta')) throw new IndexOpenError(`${name} is an SQLite database but not a reprint index`);
    if (tables.length > 0) {
      const format = db.prepare("SELECT value FROM meta WHERE key = 'format'").pluck().get() as string | undefined;
      if (format !== undefined && format !== INDEX_FORMAT) {
        throw new IndexOpenError(`index ${name} has format ${format}; this reprint reads ${INDEX_FORMAT}`);
      }
    }
    if (opts.create) {
      db.transaction(() => {
        db.exec(SCHEMA);
        db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('format', ?), ('created', ?)").run(INDEX_FORMAT, new Date().toISOString());
      }).immediate();
    }
  } catch (e) {
    db.close();
    if (e instanceof IndexOpenError) throw e;
    throw new IndexOpenError(`cannot open index ${name}: ${(e as Error).message}`);
  }
  return new SqliteIndexStore(db, name, opts.hooks ?? {});
}

export class SqliteIndexStore implements IndexStore {
  constructor(
    private readonly db: Database.Database,
    readonly location: string,
    private readonly hooks: StoreHooks,
  ) {}


  private hasSchema(): boolean {
    return this.hasTable('documents');
  }

  private hasTable(name: string): boolean {
    return this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
  }

  private missingDocColumns(): string[] {
    const present = new Set((this.db.prepare('PRAGMA table_info(documents)').all() as { name: string }[]).map((c) => c.name));
    return LATER_DOC_COLUMNS.filter((c) => !present.has(c));
  }

  /** The select list of a document (d) and its content (c); NULL for columns this file does not have yet. */
  private docColumns(): string {
    const missing = new Set(this.missingDocColumns());
    const later = LATER_DOC_COLUMNS.map((col) => (missing.has(col) ? `NULL AS ${col}` : `d.${col}`)).join(', ');
    return `d.locator, d.path, d.url, c.hash, d.outlet, d.title, d.dateline, d.published, d.label, d.added_at, ${later}`;
  }

  async readParams(): Promise<IndexParams | null> {
    return this.paramsNow();
  }

  private paramsNow(): IndexParams | null {
    if (!this.hasSchema()) return null;
    const v = this.db.prepare("SELECT value FROM meta WHERE key = 'params'").pluck().get() as string | undefined;
    return v === undefined ? null : (JSON.parse(v) as IndexParams);
  }

  async documentsAt(locators: readonly string[]): Promise<Map<string, IndexedDocument>> {
    const out = new Map<string, IndexedDocument>();
    if (!this.hasSchema()) return out;
    const stmt = this.db.prepare(`SELECT ${this.docColumns()} FROM documents d JOIN contents c ON c.id = d.content WHERE d.locator = ?`);
    for (const l of locators) {
      const r = stmt.get(l) as DocRow | undefined;
      if (r !== undefined) out.set(l, toDoc(r));
    }
    return out;
  }

  async candidates(keys: readonly Uint32Array[]): Promise<string[][]> {
    if (!this.hasSchema()) return keys.map(() => []);
    const probe = this.db
      .prepare(`SELECT c.hash FROM bands b JOIN contents c ON c.id = b.content WHERE b.key = ? ORDER BY c.hash LIMIT ${BUCKET_CANDIDATES_MAX}`)
      .pluck();
    return keys.map((k) => {
      const hashes = new Set<string>();
      for (let b = 0; b < k.length; b++) for (const h of probe.all(b * BAND_SPAN + k[b]!) as string[]) hashes.add(h);
      return [...hashes].sort(compareStrings);
    });
  }

  async contents(hashes: readonly string[]): Promise<Map<string, IndexedContent>> {
    const out = new Map<string, IndexedContent>();
    if (!this.hasSchema()) return out;
    const stmt = this.db.prepare('SELECT hash, shingles, words, signature FROM contents WHERE hash = ?');
    for (const h of hashes) {
      const r = stmt.get(h) as { hash: string; shingles: number; words: number; signature: Buffer } | undefined;
      if (r !== undefined) out.set(h, { contentHash: r.hash, shingles: r.shingles, words: r.words, signature: signatureFromBytes(r.signature) });
    }
    return out;
  }

  async bandKeys(hashes: readonly string[]): Promise<Map<string, Uint32Array>> {
    const out = new Map<string, Uint32Array>();
    if (!this.hasSchema()) return out;
    const stmt = this.db.prepare('SELECT bands FROM contents WHERE hash = ?').pluck();
    for (const h of hashes) {
      const bands = stmt.get(h) as Buffer | undefined;
      if (bands !== undefined) out.set(h, signatureFromBytes(bands));
    }
    return out;
  }

  async shingleSets(hashes: readonly string[]): Promise<Map<string, Uint32Array>> {
    const out = new Map<string, Uint32Array>();
    if (!this.hasTable('shingle_sets')) return out;
    const stmt = this.db.prepare('SELECT s.shingles FROM shingle_sets s JOIN contents c ON c.id = s.content WHERE c.hash = ?').pluck();
    for (const h of hashes) {
      const set = stmt.get(h) as Buffer | undefined;
      if (set !== undefined) out.set(h, signatureFromBytes(set));
    }
    return out;
  }

  async *listDocuments(labels: readonly (string | null)[] | null): AsyncIterable<IndexedDocument[]> {
    if (!this.hasSchema()) return;
    const named = labels?.filter((l): l is string => l !== null) ?? [];
    const where =
      labels === null
        ? ''
        : `AND (d.label IN (${named.map(() => '?').join(', ')})${labels.includes(null) ? ' OR d.label IS NULL' : ''})`;
    // Pages of rows by locator: no read stays open between batches, so adds are never held up.
    const page = this.db.prepare(
      `SELECT ${this.docColumns()} FROM documents d JOIN contents c ON c.id = d.content WHERE d.locator > ? ${where} ORDER BY d.locator LIMIT ${LIST_BATCH}`,
    );
    let after = '';
    for (;;) {
      const rows = page.all(after, ...named) as DocRow[];
      if (rows.length === 0) return;
      after = rows[rows.length - 1]!.locator;
      yield rows.map(toDoc);
    }
  }

  async documentsWith(hashes: readonly string[]): Promise<Map<string, IndexedDocument[]>> {
    const out = new Map<string, IndexedDocument[]>();
    if (!this.hasSchema()) return out;
    const stmt = this.db.prepare(`SELECT ${this.docColumns()} FROM documents d JOIN contents c ON c.id = d.content WHERE c.hash = ? ORDER BY d.locator`);
    for (const h of hashes) {
      const rows = stmt.all(h) as DocRow[];
      if (rows.length > 0) out.set(h, rows.map(toDoc));
    }
    return out;
  }

  async add(params: IndexParams, entries: Iterable<IndexEntry>): Promise<AddResult> {
    const db = this.db;
    const run = db.transaction((): AddResult => {
      db.exec(SCHEMA);
      for (const col of this.missingDocColumns()) db.exec(`ALTER TABLE documents ADD COLUMN ${col} TEXT`);
      db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('format', ?), ('created', ?)").run(INDEX_FORMAT, new Date().toISOString());
      // Read inside the write transaction: a concurrent first add cannot slip in other params.
      const stored = this.paramsNow();
      if (stored !== null && paramDifferences(stored, params).length > 0) throw new IndexParamsError(this.location, stored, params);
      if (stored === null) db.prepare("INSERT INTO meta (key, value) VALUES ('params', ?)").run(JSON.stringify(params));

      const getDoc = db.prepare('SELECT d.content AS id, c.hash AS hash FROM documents d JOIN contents c ON c.id = d.content WHERE d.locator = ?');
      const getContent = db.prepare('SELECT id FROM contents WHERE hash = ?').pluck();
      const insertContent = db.prepare('INSERT INTO contents (hash, shingles, words, signature, bands, refs) VALUES (?, ?, ?, ?, ?, 0)');
      const insertBand = db.prepare('INSERT OR IGNORE INTO bands (key, content) VALUES (?, ?)');
      const insertSet = db.prepare('INSERT OR IGNORE INTO shingle_sets (content, shingles) VALUES (?, ?)');
      const ref = db.prepare('UPDATE contents SET refs = refs + 1 WHERE id = ?');
      const upsertDoc = db.prepare(
        `INSERT INTO documents (locator, path, url, content, outlet, title, dateline, published, label, added_at, page_id, credit)
         VALUES (@locator, @path, @url, @content, @outlet, @title, @dateline, @published, @label, @addedAt, @pageId, @credit)
         ON CONFLICT (locator) DO UPDATE SET path = excluded.path, url = excluded.url, content = excluded.content,
           outlet = excluded.outlet, title = excluded.title, dateline = excluded.dateline, published = excluded.published,
           label = excluded.label, added_at = excluded.added_at, page_id = excluded.page_id, credit = excluded.credit`,
      );
      const result: AddResult = { added: 0, replaced: 0, unchanged: 0 };
      // Band rows of new contents, written at the end in key order: B-tree inserts in order touch
      // each page once instead of landing at random.
      const newKeys: number[] = [];
      const newIds: number[] = [];
      const gone = new Set<number>();
      for (const { doc, content, bandKeys, shingleSet } of entries) {
        const old = getDoc.get(doc.locator) as { id: number; hash: string } | undefined;
        if (old !== undefined && old.hash === content.contentHash) {
          result.unchanged++;
          continue;
        }
        let id = getContent.get(content.contentHash) as number | undefined;
        if (id === undefined) {
          id = Number(
            insertContent.run(content.contentHash, content.shingles, content.words, Buffer.from(signatureToBytes(content.signature)), bandsToBytes(bandKeys))
              .lastInsertRowid,
          );
          for (let b = 0; b < bandKeys.length; b++) {
            newKeys.push(b * BAND_SPAN + bandKeys[b]!);
            newIds.push(id);
          }
          if (shingleSet !== null) insertSet.run(id, Buffer.from(signatureToBytes(shingleSet)));
        }
        const { id: pageId = null, ...fields } = doc;
        upsertDoc.run({ ...fields, pageId, content: id });
        ref.run(id);
        if (old !== undefined) {
          if (this.release(old.id)) gone.add(old.id);
          result.replaced++;
        } else result.added++;
      }
      const order = Array.from(newKeys.keys()).sort((i, j) => newKeys[i]! - newKeys[j]! || newIds[i]! - newIds[j]!);
      for (const i of order) if (!gone.has(newIds[i]!)) insertBand.run(newKeys[i]!, newIds[i]!);
      this.hooks.beforeCommit?.();
      return result;
    });
    return run.immediate();
  }

  /** One document fewer holds this content; at none, the content and its bands go (true). */
  private release(id: number): boolean {
    const db = this.db;
    db.prepare('UPDATE contents SET refs = refs - 1 WHERE id = ?').run(id);
    const row = db.prepare('SELECT refs, bands FROM contents WHERE id = ?').get(id) as { refs: number; bands: Buffer } | undefined;
    if (row === undefined || row.refs > 0) return false;
    const keys = signatureFromBytes(row.bands);
    const del = db.prepare('DELETE FROM bands WHERE key = ? AND content = ?');
    for (let b = 0; b < keys.length; b++) del.run(b * BAND_SPAN + keys[b]!, id);
    if (this.hasTable('shingle_sets')) db.prepare('DELETE FROM shingle_sets WHERE content = ?').run(id);
    db.prepare('DELETE FROM contents WHERE id = ?').run(id);
    return true;
  }

  async remove(selector: RemoveSelector): Promise<string[]> {
    if (!this.hasSchema()) return [];
    const db = this.db;
    return db
      .transaction((): string[] => {
        const rows = new Map<string, { locator: string; path: string; url: string | null; content: number }>();
        const byKey = db.prepare('SELECT locator, path, url, content FROM documents WHERE locator = ? OR path = ? OR url = ?');
        for (const x of selector.exact) for (const r of byKey.all(x, x, x) as { locator: string; path: string; url: string | null; content: number }[]) rows.set(r.locator, r);
        const byPrefix = db.prepare("SELECT locator, path, url, content FROM documents WHERE substr(path, 1, length(?)) = ?");
        for (const p of selector.prefixes) for (const r of byPrefix.all(p, p) as { locator: string; path: string; url: string | null; content: number }[]) rows.set(r.locator, r);
        const del = db.prepare('DELETE FROM documents WHERE locator = ?');
        const removed: string[] = [];
        for (const r of rows.values()) {
          if (!selects(selector, { locator: r.locator, path: r.path, url: r.url })) continue;
          del.run(r.locator);
          this.release(r.content);
          removed.push(r.locator);
        }
        return removed.sort(compareStrings);
      })
      .immediate();
  }

  async stats(): Promise<IndexStats> {
    const params = this.paramsNow();
    if (!this.hasSchema()) return { location: this.location, format: INDEX_FORMAT, params, documents: 0, contents: 0, labels: [] };
    const db = this.db;
    const documents = db.prepare('SELECT count(*) FROM documents').pluck().get() as number;
    const contents = db.prepare('SELECT count(*) FROM contents').pluck().get() as number;
    const labels = db
      .prepare('SELECT label, count(*) AS documents, min(added_at) AS firstAdded, max(added_at) AS lastAdded FROM documents GROUP BY label')
      .all() as { label: string | null; documents: number; firstAdded: string; lastAdded: string }[];
    return { location: this.location, format: INDEX_FORMAT, params, documents, contents, labels: sortLabels(labels) };
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
