/**
 * What the Redis store does beyond the contract (test/contract/redis.test.ts): concurrent adds,
 * a refused commit, foreign formats, how a cluster index is spread, database numbers and
 * connection failures. On a standalone server and a three-master Redis Cluster.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bandKeys } from '../../../src/sketch/bands.js';
import { IndexConnectionError, IndexOpenError, type IndexedDocument, type IndexEntry } from '../../../src/index/store.js';
import { openRedisStore } from '../../../src/stores/redis/store.js';
import { freePort, startRedis, startRedisCluster, type RedisClusterServers, type RedisServer } from '../../helpers/redis-servers.js';
import { entry, PARAMS, signature } from '../../contract/store-contract.js';

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

const servers = {
  redis: () => standalone!,
  'redis cluster': () => cluster!,
} as const;

/** Every key matching a pattern on each node (one node for a standalone server). */
async function keysPerNode(nodeUrls: readonly string[], pattern: string): Promise<string[][]> {
  return Promise.all(
    nodeUrls.map(async (u) => {
      const r = new Redis(u);
      try {
        return await r.keys(pattern);
      } finally {
        r.disconnect();
      }
    }),
  );
}

function batch(from: number, count: number, locator: (i: number) => string): IndexEntry[] {
  return Array.from({ length: count }, (_, i) => entry(locator(from + i), signature(1000 + from + i)));
}

for (const [name, server] of Object.entries(servers)) {
  const nodesOf = () => (name === 'redis' ? [standalone!.url] : cluster!.nodes);

  describe(`${name} store`, () => {
    it('lands both of two concurrent adds on the same index', async () => {
      const url = `${server().url}?prefix=${newPrefix()}`;
      const [s1, s2] = await Promise.all([openRedisStore(url), openRedisStore(url)]);
      try {
        const shared = signature(77);
        const one = [...batch(0, 1500, (i) => `https://one.example/${i}`), entry('shared-1.txt', shared)];
        const two = [...batch(5000, 1500, (i) => `https://two.example/${i}`), entry('shared-2.txt', shared)];
        const [r1, r2] = await Promise.all([s1.add(PARAMS, one), s2.add(PARAMS, two)]);
        expect(r1).toEqual({ added: 1501, replaced: 0, unchanged: 0 });
        expect(r2).toEqual({ added: 1501, replaced: 0, unchanged: 0 });
        expect(await s1.stats()).toMatchObject({ documents: 3002, contents: 3001 });
        const h = entry('x', shared).doc.contentHash;
        expect((await s2.documentsWith([h])).get(h)!.map((d) => d.locator)).toEqual(['shared-1.txt', 'shared-2.txt']);
        expect(await s2.candidates([bandKeys(one[700]!.content.signature, 4, 4)])).toEqual([[one[700]!.doc.contentHash]]);
        // Removing one holder of the shared content keeps it; removing both forgets it.
        expect(await s1.remove({ exact: ['shared-1.txt'], prefixes: [] })).toEqual(['shared-1.txt']);
        expect(await s2.candidates([bandKeys(shared, 4, 4)])).toEqual([[h]]);
        expect(await s2.remove({ exact: ['shared-2.txt'], prefixes: [] })).toEqual(['shared-2.txt']);
        expect(await s1.candidates([bandKeys(shared, 4, 4)])).toEqual([[]]);
        expect(await s1.stats()).toMatchObject({ documents: 3000, contents: 3000 });
      } finally {
        await Promise.all([s1.close(), s2.close()]);
      }
    });

    it('an add refused after staging leaves no visible document and no stage', async () => {
      const prefix = newPrefix();
      const s = await openRedisStore(`${server().url}?prefix=${prefix}`);
      try {
        await s.add(PARAMS, [entry('first.txt', signature(1))]);
        const second = entry('second.txt', signature(2));
        const broken = entry('third.txt', signature(3));
        // Nothing in the client checks documents: the commit script finds the missing addedAt,
        // after content records, band members and the stage have been written.
        (broken.doc as { addedAt: string | null }).addedAt = null;
        await expect(s.add(PARAMS, [second, entry('first.txt', signature(4)), broken])).rejects.toThrow(/document 3 of the add has no addedAt; nothing added/);
        expect(await s.stats()).toMatchObject({ documents: 1, contents: 1 });
        expect((await s.documentsAt(['first.txt'])).get('first.txt')!.contentHash).toBe(entry('x', signature(1)).doc.contentHash);
        expect((await s.documentsAt(['second.txt'])).size).toBe(0);
        // Its content was written but is not live.
        const records = (await keysPerNode(nodesOf(), `${prefix}:c:*:${second.doc.contentHash}`)).flat();
        expect(records).toHaveLength(1);
        expect(await s.candidates([second.bandKeys])).toEqual([[]]);
        expect((await s.contents([second.doc.contentHash])).size).toBe(0);
        expect((await keysPerNode(nodesOf(), `${prefix}:*stage*`)).flat()).toEqual([]);
        // The same content added properly afterwards is revived.
        expect(await s.add(PARAMS, [second])).toEqual({ added: 1, replaced: 0, unchanged: 0 });
        expect(await s.candidates([second.bandKeys])).toEqual([[second.doc.contentHash]]);
      } finally {
        await s.close();
      }
    });

    it('calls beforeCommit once, after staging; a throw there leaves no document and no stage', async () => {
      const prefix = newPrefix();
      const calls: number[] = [];
      const s = await openRedisStore(`${server().url}?prefix=${prefix}`, {
        beforeCommit() {
          calls.push(calls.length);
          if (calls.length === 1) throw new Error('stopped before the commit');
        },
      });
      try {
        const e = entry('hooked.txt', signature(5));
        await expect(s.add(PARAMS, [e])).rejects.toThrow(/stopped before the commit/);
        expect(calls).toEqual([0]);
        expect(await s.stats()).toMatchObject({ documents: 0, contents: 0 });
        expect((await keysPerNode(nodesOf(), `${prefix}:*stage*`)).flat()).toEqual([]);
        expect(await s.add(PARAMS, [e])).toEqual({ added: 1, replaced: 0, unchanged: 0 });
        expect(calls).toEqual([0, 1]);
      } finally {
        await s.close();
      }
    });

    it('reads a document stored before credit and id were kept as having no credit and no id', async () => {
      const prefix = newPrefix();
      const s = await openRedisStore(`${server().url}?prefix=${prefix}`);
      try {
        const e = entry('https://old.example/1', signature(8), { credit: 'Reuters', id: 'rec-8' });
        await s.add(PARAMS, [e]);
        // The document JSON as the earlier layout wrote it.
        const { credit: _credit, id: _id, ...old } = e.doc;
        const docs = `${prefix}:{${prefix}:cat}:docs`;
        const perNode = await keysPerNode(nodesOf(), docs);
        const node = new Redis(nodesOf()[perNode.findIndex((k) => k.length > 0)]!);
        try {
          await node.hset(docs, e.doc.locator, JSON.stringify(old));
        } finally {
          node.disconnect();
        }
        const read: IndexedDocument[] = [(await s.documentsAt([e.doc.locator])).get(e.doc.locator)!];
        read.push(...(await s.documentsWith([e.doc.contentHash])).get(e.doc.contentHash)!);
        for await (const batch of s.listDocuments(null)) read.push(...batch);
        expect(read).toHaveLength(3);
        for (const d of read) {
          expect(d).toMatchObject({ ...old, credit: null });
          expect(Object.keys(d)).not.toContain('id');
        }
      } finally {
        await s.close();
      }
    });

    it('refuses a prefix holding another format', async () => {
      const prefix = newPrefix();
      const s = await openRedisStore(`${server().url}?prefix=${prefix}`);
      await s.add(PARAMS, [entry('a.txt', signature(1))]);
      await s.close();
      // The catalog lives in one slot, on one node.
      const meta = `${prefix}:{${prefix}:cat}:meta`;
      const perNode = await keysPerNode(nodesOf(), meta);
      const node = new Redis(nodesOf()[perNode.findIndex((k) => k.length > 0)]!);
      try {
        await node.hset(meta, 'format', 'reprint-index/99');
      } finally {
        node.disconnect();
      }
      const err = await openRedisStore(`${server().url}?prefix=${prefix}`).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(IndexOpenError);
      expect((err as Error).message).toMatch(/has format reprint-index\/99/);
    });
  });
}

describe('redis store specifics', () => {
  it('spreads a cluster index over all three masters', async () => {
    const prefix = newPrefix();
    const s = await openRedisStore(`${cluster!.url}?prefix=${prefix}`);
    try {
      await s.add(PARAMS, batch(0, 300, (i) => `doc-${i}.txt`));
      expect(await s.stats()).toMatchObject({ documents: 300, contents: 300 });
    } finally {
      await s.close();
    }
    const perNode = await keysPerNode(cluster!.nodes, `${prefix}:*`);
    for (const keys of perNode) expect(keys.length).toBeGreaterThan(0);
    const sizes = await Promise.all(
      cluster!.nodes.map(async (u) => {
        const r = new Redis(u);
        try {
          return await r.dbsize();
        } finally {
          r.disconnect();
        }
      }),
    );
    for (const size of sizes) expect(size).toBeGreaterThan(0);
  });

  it('reports a server lost while documents are listed as a lost connection', async () => {
    const server = await startRedis();
    const s = await openRedisStore(`${server.url}?prefix=${newPrefix()}`);
    try {
      // More documents than one HSCAN answers: the server goes between two batches.
      await s.add(PARAMS, batch(0, 6000, (i) => `doc-${i}.txt`));
      const batches = s.listDocuments(null)[Symbol.asyncIterator]();
      const first = await batches.next();
      expect(first.done).toBe(false);
      server.stopNow();
      const err = await batches.next().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(IndexConnectionError);
      expect((err as Error).message).toMatch(/lost connection to Redis/);
    } finally {
      await s.close();
      await server.stop();
    }
  });

  it('uses the database number of the URL, and refuses one on a cluster', async () => {
    const prefix = newPrefix();
    const s = await openRedisStore(`${standalone!.url}/3?prefix=${prefix}`);
    expect(s.location).toBe(`${standalone!.url}/3?prefix=${prefix}`);
    await s.add(PARAMS, [entry('a.txt', signature(1))]);
    await s.close();
    const r = new Redis(`${standalone!.url}/3`);
    const r0 = new Redis(standalone!.url);
    try {
      expect((await r.keys(`${prefix}:*`)).length).toBeGreaterThan(0);
      expect(await r0.keys(`${prefix}:*`)).toEqual([]);
    } finally {
      r.disconnect();
      r0.disconnect();
    }
    await expect(openRedisStore(`${cluster!.url}/3?prefix=${prefix}`)).rejects.toThrow(/Redis Cluster has only database 0/);
  });

  it('reports an unreachable server at once, without the password', async () => {
    const port = await freePort();
    // "At once" without a clock: with timers frozen, no retry delay and no timeout can fire, so
    // the open can only fail on the refusal itself (a retry would hang the test instead).
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let err: unknown;
    try {
      err = await openRedisStore(`redis://reader:s3cret@127.0.0.1:${port}/0?prefix=x`).catch((e: unknown) => e);
    } finally {
      vi.useRealTimers();
    }
    expect(err).toBeInstanceOf(IndexOpenError);
    expect((err as Error).message).toMatch(new RegExp(`cannot open the index at redis://127\\.0\\.0\\.1:${port}\\?prefix=x: .*ECONNREFUSED`));
    expect((err as Error).message).not.toMatch(/s3cret|reader/);
  });

  it('gives up on a server that accepts connections but never answers', async () => {
    // Reads what it is sent (so it sees the client hang up), answers nothing.
    const silent = net.createServer((socket) => socket.resume());
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    const accepted = new Promise<net.Socket>((resolve) => silent.once('connection', resolve));
    // The 2 s answer timeout fires when the test moves the clock, once the server holds the
    // connection: no wall-clock time, however slow the machine.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const opening = openRedisStore(`redis://127.0.0.1:${port}`).catch((e: unknown) => e);
      const socket = await accepted;
      const released = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      await vi.advanceTimersByTimeAsync(2000);
      const err = await opening;
      expect(err).toBeInstanceOf(IndexOpenError);
      expect((err as Error).message).toMatch(/no answer within 2000 ms/);
      // Given up: the client lets go of its connection (nothing holds the process).
      await released;
    } finally {
      vi.useRealTimers();
      silent.close();
    }
  });

  it('refuses what is not a Redis URL or a usable prefix', async () => {
    await expect(openRedisStore('redis://127.0.0.1:1/x')).rejects.toThrow(IndexOpenError);
    await expect(openRedisStore(`${standalone!.url}?prefix=a{b}`)).rejects.toThrow(/prefix must be/);
  });
});
