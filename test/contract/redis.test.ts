import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import type { IndexStore } from '../../src/index/store.js';
import { openRedisStore } from '../../src/stores/redis/store.js';
import { startRedis, startRedisCluster, type RedisClusterServers, type RedisServer } from '../helpers/redis-servers.js';
import { describeIndexStore } from './store-contract.js';

let standalone: RedisServer | undefined;
let cluster: RedisClusterServers | undefined;

beforeAll(async () => {
  [standalone, cluster] = await Promise.all([startRedis(), startRedisCluster()]);
}, 60_000);

afterAll(async () => {
  await Promise.all([standalone?.stop(), cluster?.stop()]);
}, 30_000);

const run = randomBytes(3).toString('hex');
let n = 0;
/** A prefix no other store of this run uses: every fresh store starts empty. */
const newPrefix = () => `t${run}-${++n}`;
const urls = new WeakMap<IndexStore, string>();

async function open(url: string): Promise<IndexStore> {
  const s = await openRedisStore(url);
  urls.set(s, url);
  return s;
}

const servers = {
  redis: () => standalone!,
  'redis cluster': () => cluster!,
} as const;

for (const [name, server] of Object.entries(servers)) {
  describeIndexStore(name, {
    fresh: () => open(`${server().url}?prefix=${newPrefix()}`),
    reopen: async (s) => {
      await s.close();
      return open(urls.get(s)!);
    },
  });
}
