import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { IndexOpenError, IndexParamsError, type IndexedDocument, type IndexParams } from '../../../src/index/store.js';
import { openSqliteStore, type SqliteIndexStore } from '../../../src/stores/sqlite.js';
import { entry, PARAMS, signature } from '../../contract/store-contract.js';

const dir = mkdtempSync(path.join(tmpdir(), 'reprint-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The schema of indexes written before documents kept credit and id and contents their shingle sets. */
const EARLIER_SCHEMA = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE contents (id INTEGER PRIMARY KEY, hash TEXT NOT NULL UNIQUE, shingles INTEGER NOT NULL, words INTEGER NOT NULL,
  signature BLOB NOT NULL, bands BLOB NOT NULL, refs INTEGER NOT NULL);
CREATE TABLE documents (locator TEXT PRIMARY KEY, path TEXT NOT NULL, url TEXT, content INTEGER NOT NULL REFERENCES contents(id),
  outlet TEXT, title TEXT, dateline TEXT, published TEXT, label TEXT, added_at TEXT NOT NULL);
CREATE INDEX documents_content ON documents(content);
CREATE INDEX documents_path ON documents(path);
CREATE TABLE bands (key INTEGER NOT NULL, content INTEGER NOT NULL, PRIMARY KEY (key, content)) WITHOUT ROWID;
`;

describe('sqlite store files', () => {
  it('reads an index written before credit, id and shingle sets were kept, and adds them from the next add on', async () => {
    const file = path.join(dir, 'earlier.db');
    const old = entry('old.txt', signature(40));
    const db = new Database(file);
    db.exec(EARLIER_SCHEMA);
    db.prepare("INSERT INTO meta (key, value) VALUES ('format', 'reprint-index/1'), ('params', ?)").run(JSON.stringify(PARAMS));
    const bytes = (a: Uint32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    db.prepare('INSERT INTO contents (id, hash, shingles, words, signature, bands, refs) VALUES (1, ?, 400, 404, ?, ?, 1)').run(
      old.doc.contentHash,
      bytes(old.content.signature),
      bytes(old.bandKeys),
    );
    db.prepare("INSERT INTO documents (locator, path, url, content, outlet, title, dateline, published, label, added_at) VALUES ('old.txt', 'old.txt', NULL, 1, 'Outlet', 'Title of old.txt', NULL, '2025-01-02', 'crawl-1', '2026-01-01T00:00:00.000Z')").run();
    db.close();

    const s = openSqliteStore(file, { create: false });
    try {
      const listed: IndexedDocument[] = [];
      for await (const batch of s.listDocuments(null)) listed.push(...batch);
      expect(listed).toEqual([{ ...old.doc, credit: null }]);
      expect('id' in listed[0]!).toBe(false);
      expect((await s.shingleSets([old.doc.contentHash])).size).toBe(0);
      expect(Array.from((await s.bandKeys([old.doc.contentHash])).get(old.doc.contentHash)!)).toEqual(Array.from(old.bandKeys));

      const fresh = entry('new.txt', signature(41), { credit: 'Wire', id: 'n-1' });
      expect(await s.add(PARAMS, [fresh])).toEqual({ added: 1, replaced: 0, unchanged: 0 });
      expect((await s.documentsAt(['new.txt'])).get('new.txt')).toEqual(fresh.doc);
      expect(Array.from((await s.shingleSets([fresh.doc.contentHash])).get(fresh.doc.contentHash)!)).toEqual(Array.from(fresh.shingleSet!));
      expect((await s.documentsAt(['old.txt'])).get('old.txt')).toEqual({ ...old.doc, credit: null });
    } finally {
      await s.close();
    }
  });

  it('uses WAL and refuses a missing index when not creating', () => {
    const file = path.join(dir, 'wal.db');
    const s = openSqliteStore(file, { create: true });
    void s.close();
    const db = new Database(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    expect(() => openSqliteStore(path.join(dir, 'missing.db'), { create: false })).toThrow(/no index at .*missing\.db/);
  });

  it('refuses a file that is not an index', () => {
    const junk = path.join(dir, 'junk.db');
    writeFileSync(junk, 'not a database at all, just text that is long enough to be a header....');
    expect(() => openSqliteStore(junk, { create: true })).toThrow(IndexOpenError);
    const other = path.join(dir, 'other.db');
    const db = new Database(other);
    db.exec('CREATE TABLE t (x)');
    db.close();
    expect(() => openSqliteStore(other, { create: true })).toThrow(/not a reprint index/);
  });

  it('an add that fails half-way leaves nothing behind', async () => {
    const s = openSqliteStore(path.join(dir, 'atomic.db'), { create: true }) as SqliteIndexStore;
    await s.add(PARAMS, [entry('first.txt', signature(1))]);
    const broken = entry('third.txt', signature(3));
    // A NOT NULL column left empty: SQLite refuses the third row, after two were written.
    (broken.doc as { addedAt: string | null }).addedAt = null;
    await expect(s.add(PARAMS, [entry('second.txt', signature(2)), entry('first.txt', signature(4)), broken])).rejects.toThrow();
    expect(await s.stats()).toMatchObject({ documents: 1, contents: 1 });
    expect((await s.documentsAt(['first.txt'])).get('first.txt')!.contentHash).toBe(entry('x', signature(1)).doc.contentHash);
    await s.close();
  });

  it('calls beforeCommit once, with everything written and nothing committed', async () => {
    const file = path.join(dir, 'hooked.db');
    const seen: number[] = [];
    const s = openSqliteStore(file, {
      create: true,
      hooks: {
        beforeCommit() {
          // Another connection, as another process would read: the add is not visible yet.
          const reader = new Database(file, { readonly: true });
          try {
            seen.push(reader.prepare('SELECT count(*) FROM documents').pluck().get() as number);
          } finally {
            reader.close();
          }
        },
      },
    });
    try {
      expect(await s.add(PARAMS, [entry('a.txt', signature(1)), entry('b.txt', signature(2))])).toEqual({ added: 2, replaced: 0, unchanged: 0 });
      expect(seen).toEqual([0]);
      expect(await s.stats()).toMatchObject({ documents: 2, contents: 2 });
    } finally {
      await s.close();
    }
  });
  it('opening a new index while another connection holds its write lock waits, not SQLITE_BUSY', async () => {
    // Another process creating the same index at the same moment, held still: a connection in a
    // worker thread takes the write lock of the new file, and lets go 300 ms after this thread says
    // it is opening. Switching to WAL then gets SQLITE_BUSY at once, whatever busy_timeout says.
    const file = path.join(dir, 'created-twice.db');
    const state = new Int32Array(new SharedArrayBuffer(4));
    const holder = new Worker(
      `const { parentPort, workerData: { driver, file, state } } = require('node:worker_threads');
       const db = new (require(driver))(file);
       db.exec('BEGIN IMMEDIATE');
       db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
       Atomics.store(state, 0, 1);
       Atomics.notify(state, 0);
       Atomics.wait(state, 0, 1);
       Atomics.wait(state, 0, 2, 300);
       db.exec('COMMIT');
       db.close();
       parentPort.postMessage('released');`,
      { eval: true, workerData: { driver: createRequire(import.meta.url).resolve('better-sqlite3'), file, state } },
    );
    const released = new Promise((resolve) => holder.once('message', resolve));
    try {
      await Atomics.waitAsync(state, 0, 0).value;
      Atomics.store(state, 0, 2);
      Atomics.notify(state, 0);
      const s = openSqliteStore(file, { create: true });
      try {
        expect(await s.add(PARAMS, [entry('a.txt', signature(1))])).toEqual({ added: 1, replaced: 0, unchanged: 0 });
      } finally {
        await s.close();
      }
      await released;
      const db = new Database(file);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      db.close();
    } finally {
      await holder.terminate();
    }
  });

  it('two stores on one file: what an add counts and checks is read under its write lock, not before', async () => {
    // Two `index add` processes, step by step: both create the file and find no params, both read
    // before either writes, then write one after the other.
    const file = path.join(dir, 'two.db');
    const b = openSqliteStore(file, { create: true });
    let seenByB: Map<string, IndexedDocument> | null = null;
    // documentsAt reads synchronously, so this read runs inside A's open write transaction.
    const a = openSqliteStore(file, { create: true, hooks: { beforeCommit: () => void b.documentsAt(['y.txt', 'z.txt']).then((m) => (seenByB = m)) } });
    try {
      const paramsSeen: (IndexParams | null)[] = [await a.readParams(), await b.readParams()];
      expect(paramsSeen).toEqual([null, null]);
      expect(await b.documentsAt(['y.txt', 'z.txt'])).toEqual(new Map());
      // A writes while B looks: B sees nothing of it until it commits.
      expect(await a.add(PARAMS, [entry('x.txt', signature(1)), entry('y.txt', signature(2))])).toEqual({ added: 2, replaced: 0, unchanged: 0 });
      expect(seenByB).toEqual(new Map());
      // B's add counts against what A committed, not what B read before: y.txt is there already.
      expect(await b.add(PARAMS, [entry('y.txt', signature(2)), entry('z.txt', signature(3))])).toEqual({ added: 1, replaced: 0, unchanged: 1 });
      // And checks its params against the ones A recorded, though B found none when it started.
      await expect(b.add({ ...PARAMS, seed: PARAMS.seed + 1 }, [entry('w.txt', signature(4))])).rejects.toBeInstanceOf(IndexParamsError);
      expect(await a.stats()).toMatchObject({ params: PARAMS, documents: 3, contents: 3 });
    } finally {
      await a.close();
      await b.close();
    }
  });
});
