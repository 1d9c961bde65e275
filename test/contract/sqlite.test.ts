import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import type { IndexStore } from '../../src/index/store.js';
import { openSqliteStore } from '../../src/stores/sqlite.js';
import { describeIndexStore } from './store-contract.js';

const dir = mkdtempSync(path.join(tmpdir(), 'reprint-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const files = new WeakMap<IndexStore, string>();

describeIndexStore('sqlite', {
  fresh: async () => {
    const file = path.join(dir, `index-${++n}.db`);
    const s = openSqliteStore(file, { create: true });
    files.set(s, file);
    return s;
  },
  reopen: async (s) => {
    await s.close();
    return openSqliteStore(files.get(s)!, { create: false });
  },
});
