/**
 * `--index <store>`: a file path is an SQLite index, `redis://host:port[/db]` a Redis server or
 * Redis Cluster. Drivers are loaded only when used.
 */
import path from 'node:path';
import type { IndexStore } from '../index/store.js';

export function isRedisUrl(spec: string): boolean {
  return /^rediss?:\/\//i.test(spec);
}

export async function openStore(spec: string, opts: { cwd: string; create: boolean }): Promise<IndexStore> {
  if (isRedisUrl(spec)) {
    const { openRedisStore } = await import('./redis/store.js');
    return openRedisStore(spec);
  }
  const { openSqliteStore } = await import('./sqlite.js');
  return openSqliteStore(path.resolve(opts.cwd, spec), { create: opts.create, name: spec });
}
