/**
 * `--index <store>`: a file path is an SQLite index, `redis://host:port[/db]` a Redis server or
 * Redis Cluster. Drivers are loaded only when used.
 */
import path from 'node:path';
import type { IndexStore, StoreHooks } from '../index/store.js';

function isRedisUrl(spec: string): boolean {
  return /^rediss?:\/\//i.test(spec);
}

export async function openStore(spec: string, opts: { cwd: string; create: boolean; hooks?: StoreHooks }): Promise<IndexStore> {
  if (isRedisUrl(spec)) {
    const { openRedisStore } = await import('./redis/store.js');
    return openRedisStore(spec, opts.hooks);
  }
  const { openSqliteStore } = await import('./sqlite.js');
  return openSqliteStore(path.resolve(opts.cwd, spec), { create: opts.create, name: spec, hooks: opts.hooks });
}
