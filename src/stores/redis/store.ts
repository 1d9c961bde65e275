/**
 * The index in Redis or Redis Cluster: `redis://[user:pass@]host:port[/db][?prefix=name]`
 * (`rediss://` for TLS). Whether the server is a cluster node is detected (`INFO cluster`); a
 * cluster is then used through that node as seed.
 *
 * Key layout (P = prefix, default `reprint`). Every multi-key command, pipeline and script only
 * touches keys of one hash slot, as Redis Cluster requires:
 *
 *   P:{P:cat}:meta            hash: format, params (JSON), created
 *   P:{P:cat}:docs            hash: locator → JSON of the IndexedDocument
 *   P:{P:cat}:refs            hash: content hash → number of documents holding it (field deleted at 0)
 *   P:{P:cat}:holders         sorted set, score 0: `<content hash>:<locator>` (documentsWith by lex range)
 *   P:{P:cat}:stage:<random>  list of document JSON staged by one add; expires after a day
 *   P:c:{xx}:<content hash>   string: shingles u32, words u32, band keys u32 × bands, signature
 *                             u32 × numPerm, all little-endian; xx = first two hex digits of the hash
 *   P:b:{xx}:<band>:<bucket>  sorted set, score 0, of 12-byte members: band key (4 bytes, big-endian)
 *                             + content hash (8 raw bytes); bucket = band key >>> 18, xx a tag group
 *                             of band and bucket. Looked up by ZRANGEBYLEX on the 4-byte prefix.
 *                             Buckets stay small (≈ 61 members at a million contents), so Redis keeps
 *                             them listpack-encoded, which is what keeps 42 bands × 1M members cheap.
 *
 * Contents and band buckets share the 256 tag groups `{00}`…`{ff}`, spread over the cluster's
 * slots; the catalog (meta, docs, refs, holders, stages) lives in one slot so that one Lua script
 * can commit an add or a removal atomically.
 *
 * An add writes content records and band members first (idempotent: same data under the same
 * keys), stages its documents, then commits them with one script: documents become visible only
 * there, so a killed process leaves the index as it was, and concurrent adders both land fully.
 * Content and band writes go in bulk, one script call per tag group and chunk of 1,000 entries
 * (one per chunk on a standalone server), and are skipped for contents already live.
 * Readers treat a content as live only while `refs` holds it. Content records and band members of
 * contents no document holds any more are left in place: they are ignored by every reader and
 * revived if the content is added again (deleting them could race with an adder that has written
 * them but not committed yet).
 */
import { faultPoint } from '../fault.js';
import { randomBytes } from 'node:crypto';
import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { LabelTally } from '../../index/memory-store.js';
import {
  compareStrings,
  IndexOpenError,
  IndexParamsError,
  INDEX_FORMAT,
  INDEX_PARAM_KEYS,
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
} from '../../index/store.js';

const DEFAULT_PREFIX = 'reprint';
/** How long an unreachable server may take to be reported. */
const CONNECT_TIMEOUT_MS = 2000;
/** Entries written per round while adding: bounds memory on huge adds. */
const ADD_CHUNK = 1000;
/** Keys per bulk script call (arguments are spread into one call). */
const SCRIPT_KEYS_MAX = 40_000;
/** Commands per pipeline, and fields per HMGET. */
const PIPELINE_MAX = 10_000;
const HMGET_MAX = 1000;
/** Locators per removal script. */
const REMOVE_CHUNK = 5000;
/** A stage left by a crashed add disappears after this. */
const STAGE_TTL_S = 24 * 3600;
const BUCKET_SHIFT = 18;

type Client = Redis | Cluster;
type Arg = string | Buffer | number;
type Cmd = [string, ...Arg[]];
interface Tagged {
  /** Hash tag of the command's keys: commands of one tag go to one slot. */
  tag: string;
  cmd: Cmd;
}

interface Scripts {
  reprintWrite(numKeys: number, ...args: (string | Buffer | number)[]): Promise<number>;
  reprintFindBuffer(numKeys: number, ...args: (string | Buffer)[]): Promise<Buffer[]>;
  reprintParams(meta: string, format: string, params: string, created: string): Promise<[string, string]>;
  reprintCommit(docs: string, refs: string, holders: string, stage: string, expected: number): Promise<[number, number, number]>;
  reprintRemove(docs: string, refs: string, holders: string, selector: string, ...locators: string[]): Promise<string[]>;
}

/** Records params on first use; returns what is stored: {'new'|'params', json} or {'format', f}. */
const PARAMS_LUA = `
local f = redis.call('HGET', KEYS[1], 'format')
if f and f ~= ARGV[1] then return {'format', f} end
local p = redis.call('HGET', KEYS[1], 'params')
if p then return {'params', p} end
redis.call('HSET', KEYS[1], 'format', ARGV[1], 'params', ARGV[2])
redis.call('HSETNX', KEYS[1], 'created', ARGV[3])
return {'new', ARGV[2]}
`;

/**
 * Writes content records and band members of one slot (or, standalone, any keys) in one call,
 * instead of one command each: the client's per-command cost dominated adding.
 * KEYS: n content keys, then one bucket key per member. ARGV: n, record length, the records
 * back to back, the 12-byte members back to back.
 */
const WRITE_LUA = `
local n, len = tonumber(ARGV[1]), tonumber(ARGV[2])
local recs, mems = ARGV[3], ARGV[4]
for i = 1, n do
  redis.call('SET', KEYS[i], string.sub(recs, (i - 1) * len + 1, i * len))
end
for j = n + 1, #KEYS do
  local o = (j - n - 1) * 12
  redis.call('ZADD', KEYS[j], 0, string.sub(mems, o + 1, o + 12))
end
return #KEYS
`;

/**
 * Band lookups in one call. KEYS: bucket keys. ARGV[1]: one 4-byte band key per bucket key.
 * Returns, per key, the 8-byte content hashes of its members with that band key, back to back.
 */
const FIND_LUA = `
local keys4 = ARGV[1]
local tail = string.rep(string.char(255), 8)
local out = {}
for i = 1, #KEYS do
  local k4 = string.sub(keys4, (i - 1) * 4 + 1, i * 4)
  local found = redis.call('ZRANGEBYLEX', KEYS[i], '[' .. k4, '[' .. k4 .. tail)
  local hs = {}
  for j, m in ipairs(found) do hs[j] = string.sub(m, 5, 12) end
  out[i] = table.concat(hs)
end
return out
`;

/** Shared by commit and remove: a document at `loc` no longer holds content `h`. */
const RELEASE_LUA = `
local function release(refs, holders, h, loc)
  if redis.call('HINCRBY', refs, h, -1) <= 0 then redis.call('HDEL', refs, h) end
  redis.call('ZREM', holders, h .. ':' .. loc)
end
`;

/**
 * Moves every staged document into docs, keeping refs and holders right, in one atomic step.
 * Checks everything before writing anything (a Lua error does not undo earlier writes).
 */
const COMMIT_LUA = `${RELEASE_LUA}
local docs, refs, holders, stage = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local n = redis.call('LLEN', stage)
if n ~= tonumber(ARGV[1]) then
  redis.call('DEL', stage)
  return redis.error_reply('ERR reprint: ' .. n .. ' of ' .. ARGV[1] .. ' staged documents found (the stage expired?); nothing added')
end
local nullable = {'url', 'outlet', 'title', 'dateline', 'published', 'label'}
local function check(v)
  local ok, d = pcall(cjson.decode, v)
  if not ok or type(d) ~= 'table' then return nil, 'is not JSON' end
  if type(d.locator) ~= 'string' or d.locator == '' then return nil, 'has no locator' end
  if type(d.path) ~= 'string' then return nil, 'has no path' end
  if type(d.contentHash) ~= 'string' or #d.contentHash ~= 16 or not string.find(d.contentHash, '^[0-9a-f]+$') then
    return nil, 'has no 16-digit content hash'
  end
  if type(d.addedAt) ~= 'string' then return nil, 'has no addedAt' end
  for _, k in ipairs(nullable) do
    if d[k] ~= cjson.null and type(d[k]) ~= 'string' then return nil, 'has a bad ' .. k end
  end
  return d
end
local SLICE = 1000
for s = 0, n - 1, SLICE do
  local items = redis.call('LRANGE', stage, s, s + SLICE - 1)
  for i, v in ipairs(items) do
    local d, why = check(v)
    if not d then
      redis.call('DEL', stage)
      return redis.error_reply('ERR reprint: document ' .. (s + i) .. ' of the add ' .. why .. '; nothing added')
    end
  end
end
local added, replaced, unchanged = 0, 0, 0
for s = 0, n - 1, SLICE do
  local items = redis.call('LRANGE', stage, s, s + SLICE - 1)
  for _, v in ipairs(items) do
    local d = cjson.decode(v)
    local loc, h = d.locator, d.contentHash
    local old = redis.call('HGET', docs, loc)
    local oh = old and cjson.decode(old).contentHash
    if oh == h then
      unchanged = unchanged + 1
    else
      if oh then
        release(refs, holders, oh, loc)
        replaced = replaced + 1
      else
        added = added + 1
      end
      redis.call('HSET', docs, loc, v)
      redis.call('HINCRBY', refs, h, 1)
      redis.call('ZADD', holders, 0, h .. ':' .. loc)
    end
  end
end
redis.call('DEL', stage)
return {added, replaced, unchanged}
`;

/** Removes the given locators when they (still) match the selector; returns those removed. */
const REMOVE_LUA = `${RELEASE_LUA}
local docs, refs, holders = KEYS[1], KEYS[2], KEYS[3]
local sel = cjson.decode(ARGV[1])
local exact = {}
for _, e in ipairs(sel.exact) do exact[e] = true end
local removed = {}
for i = 2, #ARGV do
  local loc = ARGV[i]
  local v = redis.call('HGET', docs, loc)
  if v then
    local d = cjson.decode(v)
    local hit = exact[d.locator] or exact[d.path] or (type(d.url) == 'string' and exact[d.url])
    if not hit then
      for _, p in ipairs(sel.prefixes) do
        if string.sub(d.path, 1, #p) == p then hit = true break end
      end
    end
    if hit then
      redis.call('HDEL', docs, loc)
      release(refs, holders, d.contentHash, loc)
      removed[#removed + 1] = loc
    end
  end
end
return removed
`;

interface RedisSpec {
  host: string;
  port: number;
  db: number;
  username: string | undefined;
  password: string | undefined;
  tls: boolean;
  prefix: string;
  /** The URL without credentials. */
  location: string;
}

function parseRedisUrl(url: string): RedisSpec {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new IndexOpenError(`not a Redis URL: ${url.replace(/\/\/[^@/]*@/, '//')}`);
  }
  const tls = u.protocol === 'rediss:';
  const scheme = tls ? 'rediss' : 'redis';
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1';
  const port = u.port === '' ? 6379 : Number(u.port);
  const hostPort = `${u.hostname || '127.0.0.1'}:${port}`;
  const safe = `${scheme}://${hostPort}${u.pathname === '/' ? '' : u.pathname}${u.search}`;
  if (u.protocol !== 'redis:' && !tls) throw new IndexOpenError(`not a Redis URL: ${safe}`);
  const dbText = u.pathname.replace(/^\//, '');
  if (dbText !== '' && !/^\d+$/.test(dbText)) throw new IndexOpenError(`${safe}: the path must be a database number`);
  const db = dbText === '' ? 0 : Number(dbText);
  const prefix = u.searchParams.get('prefix') ?? DEFAULT_PREFIX;
  // Braces would change the hash tags of the key layout.
  if (!/^[A-Za-z0-9_.:-]+$/.test(prefix)) {
    throw new IndexOpenError(`${safe}: prefix must be letters, digits, '_', '.', ':' or '-'`);
  }
  const location = `${scheme}://${hostPort}${db !== 0 ? `/${db}` : ''}${prefix !== DEFAULT_PREFIX ? `?prefix=${prefix}` : ''}`;
  return {
    host,
    port,
    db,
    username: u.username === '' ? undefined : decodeURIComponent(u.username),
    password: u.password === '' ? undefined : decodeURIComponent(u.password),
    tls,
    prefix,
    location,
  };
}

function describeError(err: unknown): string {
  const e = err as { message?: string; code?: string; errors?: unknown[] };
  // A refused connection on a dual-stack host arrives as an AggregateError with an empty message.
  if (Array.isArray(e?.errors) && e.errors.length > 0) return describeError(e.errors[0]);
  return e?.message || e?.code || String(err);
}

function defineScripts(client: Client): void {
  client.defineCommand('reprintWrite', { lua: WRITE_LUA });
  client.defineCommand('reprintFind', { lua: FIND_LUA, readOnly: true });
  client.defineCommand('reprintParams', { numberOfKeys: 1, lua: PARAMS_LUA });
  client.defineCommand('reprintCommit', { numberOfKeys: 4, lua: COMMIT_LUA });
  client.defineCommand('reprintRemove', { numberOfKeys: 3, lua: REMOVE_LUA });
}

/** Quits politely, or drops the connection when the server is gone. */
async function closeClient(client: Client): Promise<void> {
  try {
    if (client.status === 'ready') {
      await Promise.race([client.quit(), new Promise((r) => setTimeout(r, 1000).unref())]);
    }
  } catch {
    // closing anyway
  }
  if (client.status !== 'end') client.disconnect();
}

export async function openRedisStore(url: string): Promise<IndexStore> {
  const spec = parseRedisUrl(url);
  let ready = false;
  // Before the first connection: fail at once. Afterwards: a few quick reconnects, then give up.
  const retry = (times: number): number | null => (ready && times <= 3 ? 100 * times : null);
  const common: RedisOptions = {
    username: spec.username,
    password: spec.password,
    tls: spec.tls ? { servername: spec.host } : undefined,
    connectTimeout: CONNECT_TIMEOUT_MS,
    // How long disconnect() waits for a server to close: a silent one would hold the process.
    disconnectTimeout: 200,
    maxRetriesPerRequest: 1,
    lazyConnect: true,
  };
  const fail = (err: unknown) => new IndexOpenError(`cannot open the index at ${spec.location}: ${describeError(err)}`);
  const connect = async (client: Client): Promise<void> => {
    // connect() only says "Connection is closed."; the cause arrives as an 'error' event.
    let cause: unknown;
    client.on('error', (err: unknown) => {
      // Also silences ioredis's console warning; later errors reach the failing command.
      cause ??= err;
    });
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        client.connect(),
        new Promise((_, reject) => {
          // connectTimeout covers the TCP connection; this covers a server that never answers.
          timer = setTimeout(() => reject(new Error(`no answer within ${CONNECT_TIMEOUT_MS} ms`)), CONNECT_TIMEOUT_MS);
        }),
      ]);
    } catch (err) {
      // An ended client needs no disconnect (which would hold the process for its timeout).
      if (client.status !== 'end') client.disconnect();
      throw fail(cause ?? err);
    } finally {
      clearTimeout(timer);
    }
  };

  // The seed connection, on database 0: INFO tells whether this is a cluster node.
  const seed = new Redis({ ...common, host: spec.host, port: spec.port, retryStrategy: retry });
  await connect(seed);
  let client: Client;
  try {
    const info = await seed.info('cluster');
    const isCluster = /cluster_enabled:1/.test(info);
    if (isCluster) {
      if (spec.db !== 0) throw new IndexOpenError(`cannot open the index at ${spec.location}: a Redis Cluster has only database 0`);
      await closeClient(seed);
      const { lazyConnect: _lazy, ...nodeOptions } = common;
      client = new Cluster([{ host: spec.host, port: spec.port }], {
        lazyConnect: true,
        clusterRetryStrategy: retry,
        slotsRefreshTimeout: CONNECT_TIMEOUT_MS,
        // A ready check would wait for the whole cluster; slots are loaded either way.
        redisOptions: nodeOptions,
      });
      await connect(client);
    } else if (spec.db !== 0) {
      await closeClient(seed);
      client = new Redis({ ...common, host: spec.host, port: spec.port, db: spec.db, retryStrategy: retry });
      await connect(client);
    } else client = seed;
  } catch (err) {
    await closeClient(seed);
    throw err instanceof IndexOpenError ? err : fail(err);
  }
  ready = true;
  defineScripts(client);
  const store = new RedisIndexStore(client, client instanceof Cluster, spec.prefix, spec.location);
  try {
    await store.checkFormat();
  } catch (err) {
    await store.close();
    throw err instanceof IndexOpenError ? err : fail(err);
  }
  return store;
}

const hex2 = (n: number) => n.toString(16).padStart(2, '0');
const LEX_MIN = Buffer.from('[');
const LEX_MAX_TAIL = Buffer.alloc(8, 0xff);
const HASH_RE = /^[0-9a-f]{16}$/;

function toDocument(json: string): IndexedDocument {
  return JSON.parse(json) as IndexedDocument;
}

function docJson(d: IndexedDocument): string {
  // Only the contract's fields, in a fixed order; `undefined` stays out and is refused at commit.
  return JSON.stringify({
    locator: d.locator,
    path: d.path,
    url: d.url,
    contentHash: d.contentHash,
    outlet: d.outlet,
    title: d.title,
    dateline: d.dateline,
    published: d.published,
    label: d.label,
    addedAt: d.addedAt,
  });
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

export class RedisIndexStore implements IndexStore {
  private readonly cat: string;
  private readonly meta: string;
  private readonly docs: string;
  private readonly refs: string;
  private readonly holders: string;
  /** Params never change once recorded; kept to decode content records. */
  private knownParams: IndexParams | null = null;
  private closed = false;

  constructor(
    private readonly client: Client,
    private readonly cluster: boolean,
    private readonly prefix: string,
    readonly location: string,
  ) {
    this.cat = `${prefix}:{${prefix}:cat}`;
    this.meta = `${this.cat}:meta`;
    this.docs = `${this.cat}:docs`;
    this.refs = `${this.cat}:refs`;
    this.holders = `${this.cat}:holders`;
  }

  private get scripts(): Scripts {
    return this.client as unknown as Scripts;
  }

  private contentKey(hash: string): { tag: string; key: string } {
    const tag = hash.slice(0, 2);
    return { tag, key: `${this.prefix}:c:{${tag}}:${hash}` };
  }

  private bucketKey(band: number, bandKey: number): { tag: string; key: string } {
    const bucket = bandKey >>> BUCKET_SHIFT;
    const tag = hex2((bucket + band * 73) & 0xff);
    return { tag, key: `${this.prefix}:b:{${tag}}:${band}:${bucket}` };
  }

  /** Runs commands, each pipeline within one slot on a cluster; results in command order. */
  private async run(cmds: readonly Tagged[]): Promise<unknown[]> {
    const out = new Array<unknown>(cmds.length);
    const exec = async (idx: number[]) => {
      for (const part of chunks(idx, PIPELINE_MAX)) {
        const res = await this.client.pipeline(part.map((i) => cmds[i]!.cmd)).exec();
        if (res === null) throw new Error(`Redis at ${this.location} dropped a pipeline`);
        res.forEach(([err, value], j) => {
          if (err) throw err;
          out[part[j]!] = value;
        });
      }
    };
    if (!this.cluster) {
      await exec(cmds.map((_, i) => i));
      return out;
    }
    const byTag = new Map<string, number[]>();
    cmds.forEach((c, i) => {
      const list = byTag.get(c.tag);
      if (list === undefined) byTag.set(c.tag, [i]);
      else list.push(i);
    });
    await Promise.all([...byTag.values()].map(exec));
    return out;
  }

  private async hmget(key: string, fields: readonly string[]): Promise<(string | null)[]> {
    const out: (string | null)[] = [];
    for (const part of chunks(fields, HMGET_MAX)) out.push(...(await this.client.hmget(key, ...part)));
    return out;
  }

  /** Which of these contents some document holds (refs > 0). */
  private async live(hashes: readonly string[]): Promise<Set<string>> {
    const refs = await this.hmget(this.refs, hashes);
    return new Set(hashes.filter((_, i) => Number(refs[i] ?? 0) > 0));
  }

  /** Refuses a prefix that holds something other than this format's index. */
  async checkFormat(): Promise<void> {
    let format: string | null;
    try {
      format = await this.client.hget(this.meta, 'format');
    } catch (err) {
      if (/WRONGTYPE/.test(describeError(err))) throw new IndexOpenError(`${this.location} is not a reprint index (${this.meta} is not a hash)`);
      throw err;
    }
    if (format !== null && format !== INDEX_FORMAT) {
      throw new IndexOpenError(`index ${this.location} has format ${format}; this reprint reads ${INDEX_FORMAT}`);
    }
  }

  async readParams(): Promise<IndexParams | null> {
    const json = await this.client.hget(this.meta, 'params');
    if (json === null) return null;
    const params = JSON.parse(json) as IndexParams;
    this.knownParams = params;
    return params;
  }

  async documentsAt(locators: readonly string[]): Promise<Map<string, IndexedDocument>> {
    const out = new Map<string, IndexedDocument>();
    const values = await this.hmget(this.docs, locators);
    locators.forEach((l, i) => {
      const v = values[i];
      if (v != null) out.set(l, toDocument(v));
    });
    return out;
  }

  async candidates(keys: readonly Uint32Array[]): Promise<string[][]> {
    const found = keys.map(() => new Set<string>());
    // Queries in slices, so that a check of many documents keeps bounded calls.
    const perSlice = Math.max(1, Math.floor(SCRIPT_KEYS_MAX / Math.max(1, keys[0]?.length ?? 1)));
    for (let q0 = 0; q0 < keys.length; q0 += perSlice) {
      const groups = new Map<string, { keys: string[]; bandKeys: number[]; owner: number[] }>();
      for (let q = q0; q < Math.min(keys.length, q0 + perSlice); q++) {
        const k = keys[q]!;
        for (let b = 0; b < k.length; b++) {
          const { tag, key } = this.bucketKey(b, k[b]!);
          const g = this.group(groups, tag, () => ({ keys: [], bandKeys: [], owner: [] }));
          g.keys.push(key);
          g.bandKeys.push(k[b]!);
          g.owner.push(q);
        }
      }
      await Promise.all(
        [...groups.values()].map(async (g) => {
          const keys4 = Buffer.allocUnsafe(4 * g.bandKeys.length);
          g.bandKeys.forEach((k, i) => keys4.writeUInt32BE(k, 4 * i));
          const res = await this.scripts.reprintFindBuffer(g.keys.length, ...g.keys, keys4);
          res.forEach((hashes, i) => {
            const set = found[g.owner[i]!]!;
            for (let o = 0; o + 8 <= hashes.length; o += 8) set.add(hashes.toString('hex', o, o + 8));
          });
        }),
      );
    }
    const all = new Set<string>();
    for (const s of found) for (const h of s) all.add(h);
    const live = await this.live([...all]);
    return found.map((s) => [...s].filter((h) => live.has(h)).sort(compareStrings));
  }

  /** The group of a tag: one per slot on a cluster, a single one on a standalone server. */
  private group<G>(groups: Map<string, G>, tag: string, create: () => G): G {
    const id = this.cluster ? tag : '';
    let g = groups.get(id);
    if (g === undefined) groups.set(id, (g = create()));
    return g;
  }

  async contents(hashes: readonly string[]): Promise<Map<string, IndexedContent>> {
    const out = new Map<string, IndexedContent>();
    const wanted = [...new Set(hashes)].filter((h) => HASH_RE.test(h));
    if (wanted.length === 0) return out;
    const params = this.knownParams ?? (await this.readParams());
    if (params === null) return out;
    const live = [...(await this.live(wanted))];
    const res = await this.run(
      live.map((h) => {
        const { tag, key } = this.contentKey(h);
        return { tag, cmd: ['getBuffer', key] as Cmd };
      }),
    );
    const found = new Map<string, IndexedContent>();
    live.forEach((h, i) => {
      const buf = res[i] as Buffer | null;
      if (buf === null || buf.length < 8 + 4 * params.bands) return;
      const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
      found.set(h, {
        contentHash: h,
        shingles: view.getUint32(0, true),
        words: view.getUint32(4, true),
        signature: signatureFromBytes(buf.subarray(8 + 4 * params.bands)),
      });
    });
    // In the order asked, as the memory store answers.
    for (const h of hashes) {
      const c = found.get(h);
      if (c !== undefined) out.set(h, c);
    }
    return out;
  }

  async documentsWith(hashes: readonly string[]): Promise<Map<string, IndexedDocument[]>> {
    const out = new Map<string, IndexedDocument[]>();
    const wanted = [...new Set(hashes)].filter((h) => HASH_RE.test(h));
    if (wanted.length === 0) return out;
    const res = await this.run(wanted.map((h) => ({ tag: 'cat', cmd: ['zrangebylex', this.holders, `[${h}:`, `(${h};`] as Cmd })));
    const pairs: [string, string][] = [];
    res.forEach((members) => {
      for (const m of members as string[]) pairs.push([m.slice(0, 16), m.slice(17)]);
    });
    const docs = await this.hmget(
      this.docs,
      pairs.map(([, l]) => l),
    );
    pairs.forEach(([h, l], i) => {
      const v = docs[i];
      if (v == null) return;
      const d = toDocument(v);
      // A document replaced since the lookup no longer holds this content.
      if (d.contentHash !== h || d.locator !== l) return;
      const list = out.get(h) ?? [];
      list.push(d);
      out.set(h, list);
    });
    for (const list of out.values()) list.sort((a, b) => compareStrings(a.locator, b.locator));
    return out;
  }

  /** Records params on the first add; refuses others. Writes nothing when they differ. */
  private async recordParams(params: IndexParams): Promise<void> {
    const clean = Object.fromEntries(INDEX_PARAM_KEYS.map((k) => [k, params[k]])) as unknown as IndexParams;
    const [kind, value] = await this.scripts.reprintParams(this.meta, INDEX_FORMAT, JSON.stringify(clean), new Date().toISOString());
    if (kind === 'format') throw new IndexOpenError(`index ${this.location} has format ${value}; this reprint reads ${INDEX_FORMAT}`);
    const stored = JSON.parse(value) as IndexParams;
    if (paramDifferences(stored, params).length > 0) throw new IndexParamsError(this.location, stored, params);
    this.knownParams = stored;
  }

  async add(params: IndexParams, entries: readonly IndexEntry[]): Promise<AddResult> {
    // Content hashes name keys: check them before anything is written.
    for (const { doc, content } of entries) {
      if (!HASH_RE.test(content.contentHash)) throw new Error(`content hash ${JSON.stringify(content.contentHash)} of ${doc.locator} is not 16 hex digits`);
    }
    await this.recordParams(params);
    // Content records are decoded with the params' band count.
    for (const { doc, content, bandKeys } of entries) {
      if (bandKeys.length !== params.bands) throw new Error(`${doc.locator}: ${bandKeys.length} band keys, the params say ${params.bands}`);
      if (content.signature.length !== params.numPerm) {
        throw new Error(`${doc.locator}: signature of ${content.signature.length} values, the params say ${params.numPerm}`);
      }
    }
    if (entries.length === 0) return { added: 0, replaced: 0, unchanged: 0 };

    const stage = `${this.cat}:stage:${randomBytes(8).toString('hex')}`;
    const chunk = Math.max(1, Math.min(ADD_CHUNK, Math.floor(SCRIPT_KEYS_MAX / (params.bands + 1))));
    try {
      // Writing chunk k overlaps with preparing chunk k + 1.
      let pending: Promise<unknown> = Promise.resolve();
      for (const part of chunks(entries, chunk)) {
        const calls = await this.writeCalls(part, stage);
        await pending;
        pending = Promise.all(calls.map((c) => c()));
        // Handled here for the time it is not awaited yet; the await below still throws.
        pending.catch(() => undefined);
      }
      await pending;
      faultPoint('pause-before-commit');
      const [added, replaced, unchanged] = await this.scripts.reprintCommit(this.docs, this.refs, this.holders, stage, entries.length);
      return { added, replaced, unchanged };
    } catch (err) {
      // The commit deletes the stage itself; after a failure, tidy up (it expires anyway).
      await this.client.del(stage).catch(() => undefined);
      throw err;
    }
  }

  /**
   * The writes of one chunk of an add: content records and band members of contents not live
   * yet (a live content's were written before the commit that made it live, and are never
   * deleted), and the staged documents.
   */
  private async writeCalls(part: readonly IndexEntry[], stage: string): Promise<(() => Promise<unknown>)[]> {
    const hashes = [...new Set(part.map((e) => e.content.contentHash))];
    const live = await this.live(hashes);
    const todo = new Map<string, IndexEntry>();
    for (const e of part) if (!live.has(e.content.contentHash) && !todo.has(e.content.contentHash)) todo.set(e.content.contentHash, e);

    interface Group {
      contentKeys: string[];
      records: Buffer[];
      bucketKeys: string[];
      /** [content index in todo, band] per bucket key. */
      at: number[];
    }
    const groups = new Map<string, Group>();
    const create = (): Group => ({ contentKeys: [], records: [], bucketKeys: [], at: [] });
    const list = [...todo.values()];
    list.forEach(({ content, bandKeys }, i) => {
      const record = Buffer.alloc(8 + 4 * bandKeys.length + 4 * content.signature.length);
      record.writeUInt32LE(content.shingles >>> 0, 0);
      record.writeUInt32LE(content.words >>> 0, 4);
      for (let b = 0; b < bandKeys.length; b++) record.writeUInt32LE(bandKeys[b]!, 8 + 4 * b);
      record.set(signatureToBytes(content.signature), 8 + 4 * bandKeys.length);
      const ck = this.contentKey(content.contentHash);
      const g = this.group(groups, ck.tag, create);
      g.contentKeys.push(ck.key);
      g.records.push(record);
      for (let b = 0; b < bandKeys.length; b++) {
        const bk = this.bucketKey(b, bandKeys[b]!);
        const gb = this.group(groups, bk.tag, create);
        gb.bucketKeys.push(bk.key);
        gb.at.push(i, b);
      }
    });
    const hashBytes = list.map((e) => Buffer.from(e.content.contentHash, 'hex'));
    const recordLength = list[0] === undefined ? 0 : 8 + 4 * list[0].bandKeys.length + 4 * list[0].content.signature.length;
    const calls: (() => Promise<unknown>)[] = [];
    for (const g of groups.values()) {
      const members = Buffer.allocUnsafe(12 * g.bucketKeys.length);
      for (let m = 0; m < g.bucketKeys.length; m++) {
        const i = g.at[2 * m]!;
        members.writeUInt32BE(list[i]!.bandKeys[g.at[2 * m + 1]!]!, 12 * m);
        hashBytes[i]!.copy(members, 12 * m + 4);
      }
      const keys = [...g.contentKeys, ...g.bucketKeys];
      calls.push(() => this.scripts.reprintWrite(keys.length, ...keys, g.contentKeys.length, recordLength, Buffer.concat(g.records), members));
    }
    const docs = part.map((e) => docJson(e.doc));
    calls.push(async () => {
      const res = await this.client.pipeline().rpush(stage, ...docs).expire(stage, STAGE_TTL_S).exec();
      for (const [err] of res ?? []) if (err) throw err;
    });
    return calls;
  }

  /** Every stored document, once each (HSCAN may repeat entries while the hash grows). */
  private async *scanDocs(): AsyncGenerator<IndexedDocument[]> {
    const seen = new Set<string>();
    let cursor = '0';
    do {
      const [next, flat] = await this.client.hscan(this.docs, cursor, 'COUNT', 1000);
      cursor = next;
      const batch: IndexedDocument[] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) {
        if (seen.has(flat[i]!)) continue;
        seen.add(flat[i]!);
        batch.push(toDocument(flat[i + 1]!));
      }
      yield batch;
    } while (cursor !== '0');
  }

  async remove(selector: RemoveSelector): Promise<string[]> {
    const matching: string[] = [];
    for await (const batch of this.scanDocs()) for (const d of batch) if (selects(selector, d)) matching.push(d.locator);
    const sel = JSON.stringify({ exact: [...selector.exact], prefixes: [...selector.prefixes] });
    const removed: string[] = [];
    // Each script call re-checks its documents and keeps refs right on its own.
    for (const part of chunks(matching, REMOVE_CHUNK)) {
      removed.push(...(await this.scripts.reprintRemove(this.docs, this.refs, this.holders, sel, ...part)));
    }
    return removed.sort(compareStrings);
  }

  async stats(): Promise<IndexStats> {
    const params = await this.readParams();
    const [documents, contents] = await Promise.all([this.client.hlen(this.docs), this.client.hlen(this.refs)]);
    const labels = new LabelTally();
    for await (const batch of this.scanDocs()) for (const d of batch) labels.add(d);
    return {
      location: this.location,
      format: INDEX_FORMAT,
      params,
      documents,
      contents,
      labels: labels.result(),
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await closeClient(this.client);
  }
}
