import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { IndexOpenError } from '../../../src/index/store.js';
import { openSqliteStore, type SqliteIndexStore } from '../../../src/stores/sqlite.js';
import { entry, PARAMS, signature } from '../../contract/store-contract.js';

const dir = mkdtempSync(path.join(tmpdir(), 'reprint-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sqlite store files', () => {
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
});
