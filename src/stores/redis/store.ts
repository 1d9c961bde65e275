/**
 * The index in Redis or Redis Cluster: `redis://[user:pass@]host:port[/db][?prefix=name]`
 * (`rediss://` for TLS). Whether the server is a cluster node is detected (`INFO cluster`); a
 * cluster is then used through that node as seed. Key layout and encodings: keys.ts; the Lua
 * scripts: scripts.ts.
 */
import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { LabelTally } from '../../index/memory-store.js';
import {
  BUCKET_CANDIDATES_MAX,
  compareStrings,
  IndexConnectionError,
  IndexOpenError,
  IndexParamsError,
  INDEX_FORMAT,
  INDEX_PARAM_KEYS,
  paramDifferences,
  selects,
  type AddResult,
  type IndexedContent,
  type IndexedDocument,
  type IndexEntry,
  type IndexParams,
  type IndexStats,
  type IndexStore,
  type RemoveSelector,
  type StoreHooks,
} from '../../index/store.js';
import {
  bandKeyPrefixes,
  bucketKey,
  catalogKeys,
  contentKey,
  contentRecordLength,
  decodeBandKeys,
  decodeContentRecord,
  decodeShingleSet,
  DEFAULT_PREFIX,
  docJson,
  encodeContentRecord,
  encodeShingleSet,
  HASH_RE,
  hashesFromBytes,
  holdersRange,
  MEMBER_BYTES,
  parseHolder,
  PREFIX_RE,
  stageKey,
  STAGE_TTL_S,
  parseIndexedDocument,
  shingleSetKey,
  writeBandMember,
  type TaggedKey,
} from './keys.js';
import { defineScripts, type Scripts } from './scripts.js';

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
/** Fields asked per HSCAN of the documents (a hint: Redis may answer more or fewer). */
const SCAN_COUNT = 5000;

type Client = Redis | Cluster;
type Arg = string | Buffer | number;
type Cmd = [string, ...Arg[]];
interface Tagged {
  /** Hash tag of the command's keys: commands of one tag go to one slot. */
  tag: string;
  cmd: Cmd;
}

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
  /** host:port, for messages about the connection. */
  hostPort: string;
}

/** Redis takes database indexes up to INT_MAX (its `databases` setting is the real bound). */
const MAX_DB = 2 ** 31 - 1;

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
  const safe = `${scheme}://${hostPort}${u.pathname === '/' ? '' : u.pathname}${u.search}${u.hash}`;
  if (u.protocol !== 'redis:' && !tls) throw new IndexOpenError(`not a Redis URL: ${safe}`);
  // The URL parser takes port 0; no server listens there.
  if (port === 0) throw new IndexOpenError(`${safe}: the port must be from 1 to 65535`);
  const dbText = u.pathname.replace(/^\//, '');
  if (dbText !== '' && !/^\d+$/.test(dbText)) {
    throw new IndexOpenError(`${safe}: the path must be a database number (0, 1, 2, ...), not '${dbText}'`);
  }
  const db = dbText === '' ? 0 : Number(dbText);
  if (!Number.isSafeInteger(db) || db > MAX_DB) throw new IndexOpenError(`${safe}: database ${dbText} is out of range`);
  // Anything else (a typo such as ?prefx=, a ?db= the path should carry, a #fragment) would be
  // ignored without a word, and the index written somewhere unexpected.
  const unknown = [...new Set(u.searchParams.keys())].filter((k) => k !== 'prefix');
  if (unknown.length > 0) throw new IndexOpenError(`${safe}: unknown parameter ${unknown.map((k) => `'${k}'`).join(', ')} (only ?prefix= is read)`);
  if (u.searchParams.getAll('prefix').length > 1) throw new IndexOpenError(`${safe}: prefix is given more than once`);
  if (u.hash !== '') throw new IndexOpenError(`${safe}: a Redis URL has no #fragment`);
  const prefix = u.searchParams.get('prefix') ?? DEFAULT_PREFIX;
  if (!PREFIX_RE.test(prefix)) {
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
    hostPort,
  };
}

function describeError(err: unknown): string {
  const e = err as { message?: string; code?: string; errors?: unknown[] };
  // A refused connection on a dual-stack host arrives as an AggregateError with an empty message.
  if (Array.isArray(e?.errors) && e.errors.length > 0) return describeError(e.errors[0]);
  return e?.message || e?.code || String(err);
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

export async function openRedisStore(url: string, hooks: StoreHooks = {}): Promise<IndexStore> {
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
    } else {
      // Selected here, not with ioredis's `db` option: that one ignores a failed SELECT, and
      // the index would go to database 0. ioredis selects it again after a reconnect.
      if (spec.db !== 0) await selectDatabase(seed, spec);
      client = seed;
    }
  } catch (err) {
    await closeClient(seed);
    throw err instanceof IndexOpenError ? err : fail(err);
  }
  ready = true;
  const lost = connectionWatch(client, spec);
  const scripts = defineScripts(client);
  const store = new RedisIndexStore(client, scripts, client instanceof Cluster, spec.prefix, spec.location, hooks);
  try {
    await store.checkFormat();
  } catch (err) {
    await store.close();
    throw err instanceof IndexOpenError ? err : fail(err);
  }
  return reportingLostConnection(store, lost);
}

/** The store, with a lost connection reported as one IndexConnectionError whichever call meets it. */
function reportingLostConnection(store: RedisIndexStore, lost: (err: unknown) => IndexConnectionError | null): IndexStore {
  const guard =
    <A extends unknown[], R>(method: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await method.apply(store, args);
      } catch (err) {
        throw lost(err) ?? err;
      }
    };
  // An iterable fails while it is iterated, after the call that made it has returned.
  const guardEach = <A extends unknown[], T>(method: (...args: A) => AsyncIterable<T>) =>
    async function* (...args: A): AsyncGenerator<T> {
      try {
        yield* method.apply(store, args);
      } catch (err) {
        throw lost(err) ?? err;
      }
    };
  return {
    location: store.location,
    readParams: guard(store.readParams),
    documentsAt: guard(store.documentsAt),
    candidates: guard(store.candidates),
    contents: guard(store.contents),
    bandKeys: guard(store.bandKeys),
    shingleSets: guard(store.shingleSets),
    listDocuments: guardEach(store.listDocuments),
    documentsWith: guard(store.documentsWith),
    add: guard(store.add),
    remove: guard(store.remove),
    stats: guard(store.stats),
    close: () => store.close(),
  };
}

/**
 * SELECT the URL's database, or say why not: out of the server's range (`CONFIG GET databases`
 * when the server allows it; managed services often refuse CONFIG), or SELECT refused.
 */
async function selectDatabase(client: Redis, spec: RedisSpec): Promise<void> {
  let count: number | null = null;
  try {
    const reply = (await client.config('GET', 'databases')) as unknown;
    const value = Array.isArray(reply) ? Number(reply[1]) : NaN;
    if (Number.isInteger(value) && value > 0) count = value;
  } catch {
    // CONFIG refused or renamed: SELECT tells
  }
  if (count !== null && spec.db >= count) {
    throw new IndexOpenError(`cannot open the index at ${spec.location}: database ${spec.db} is out of range (the server has databases 0 to ${count - 1})`);
  }
  try {
    await client.select(spec.db);
  } catch (err) {
    throw new IndexOpenError(`cannot open the index at ${spec.location}: SELECT ${spec.db} failed (${describeError(err)})`);
  }
}

/**
 * After the connection is up: remembers why it last failed, so that a command failing on a lost
 * connection (ioredis says only "Connection is closed.") is reported with its cause. Returns the
 * error a store method throws instead of the client's, or null when the connection was not lost.
 */
function connectionWatch(client: Client, spec: RedisSpec): (err: unknown) => IndexConnectionError | null {
  let cause: unknown = null;
  client.on('error', (err: unknown) => {
    cause = err;
  });
  client.on('node error', (err: unknown) => {
    cause = err;
  });
  return (err) => {
    const e = err as { name?: string; message?: string };
    const closed =
      e?.name === 'MaxRetriesPerRequestError' || e?.name === 'ClusterAllFailedError' || /Connection is closed|None of startup nodes is available/.test(e?.message ?? '') || client.status !== 'ready';
    if (!closed) return null;
    const why = describeError(cause ?? err);
    return new IndexConnectionError(`index: lost connection to Redis at ${spec.hostPort} (${why})`);
  };
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** An iterable's items in arrays of `size`, made as they are read. */
function* chunksOf<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let part: T[] = [];
  for (const item of items) {
    part.push(item);
    if (part.length === size) {
      yield part;
      part = [];
    }
  }
  if (part.length > 0) yield part;
}

/** Content hashes name keys: an entry whose hash is not 16 hex digits is refused before its chunk is written. */
function checkHashes(part: readonly IndexEntry[]): void {
  for (const { doc, content } of part) {
    if (!HASH_RE.test(content.contentHash)) throw new Error(`content hash ${JSON.stringify(content.contentHash)} of ${doc.locator} is not 16 hex digits`);
  }
}

/** Content records are decoded with the params' band count: other sizes are refused before their chunk is written. */
function checkSizes(part: readonly IndexEntry[], params: IndexParams): void {
  for (const { doc, content, bandKeys } of part) {
    if (bandKeys.length !== params.bands) throw new Error(`${doc.locator}: ${bandKeys.length} band keys, the params say ${params.bands}`);
    if (content.signature.length !== params.numPerm) {
      throw new Error(`${doc.locator}: signature of ${content.signature.length} values, the params say ${params.numPerm}`);
    }
  }
}

class RedisIndexStore implements IndexStore {
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
    private readonly scripts: Scripts,
    private readonly cluster: boolean,
    private readonly prefix: string,
    readonly location: string,
    private readonly hooks: StoreHooks,
  ) {
    const keys = catalogKeys(prefix);
    this.cat = keys.cat;
    this.meta = keys.meta;
    this.docs = keys.docs;
    this.refs = keys.refs;
    this.holders = keys.holders;
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
      if (v != null) out.set(l, parseIndexedDocument(v));
    });
    return out;
  }

  async candidates(keys: readonly Uint32Array[]): Promise<string[][]> {
    // Per query and band: the members found, in hash order (members sort by band key, then hash).
    const found: string[][][] = keys.map((k) => Array.from({ length: k.length }, () => []));
    // Queries in slices, so that a check of many documents keeps bounded calls.
    const perSlice = Math.max(1, Math.floor(SCRIPT_KEYS_MAX / Math.max(1, keys[0]?.length ?? 1)));
    for (let q0 = 0; q0 < keys.length; q0 += perSlice) {
      const groups = new Map<string, { keys: string[]; bandKeys: number[]; owner: number[]; band: number[] }>();
      for (let q = q0; q < Math.min(keys.length, q0 + perSlice); q++) {
        const k = keys[q]!;
        for (let b = 0; b < k.length; b++) {
          const { tag, key } = bucketKey(this.prefix, b, k[b]!);
          const g = this.group(groups, tag, () => ({ keys: [], bandKeys: [], owner: [], band: [] }));
          g.keys.push(key);
          g.bandKeys.push(k[b]!);
          g.owner.push(q);
          g.band.push(b);
        }
      }
      await Promise.all(
        [...groups.values()].map(async (g) => {
          // Twice the cap: members of contents no document holds any more stay in buckets.
          const res = await this.scripts.reprintFindBuffer(g.keys.length, ...g.keys, bandKeyPrefixes(g.bandKeys), 2 * BUCKET_CANDIDATES_MAX);
          res.forEach((hashes, i) => {
            found[g.owner[i]!]![g.band[i]!] = hashesFromBytes(hashes);
          });
        }),
      );
    }
    const all = new Set<string>();
    for (const bands of found) for (const hs of bands) for (const h of hs) all.add(h);
    const live = await this.live([...all]);
    return found.map((bands) => {
      const set = new Set<string>();
      for (const hs of bands) for (const h of hs.filter((x) => live.has(x)).slice(0, BUCKET_CANDIDATES_MAX)) set.add(h);
      return [...set].sort(compareStrings);
    });
  }

  /** The group of a tag: one per slot on a cluster, a single one on a standalone server. */
  private group<G>(groups: Map<string, G>, tag: string, create: () => G): G {
    const id = this.cluster ? tag : '';
    let g = groups.get(id);
    if (g === undefined) groups.set(id, (g = create()));
    return g;
  }

  /**
   * The values stored under `keyOf` of those of these contents some document holds, decoded, in
   * the order asked (as the memory store answers); missing keys and undecodable values left out.
   */
  private async liveValues<T>(
    hashes: readonly string[],
    keyOf: (prefix: string, hash: string) => TaggedKey,
    decode: (hash: string, buf: Buffer) => T | null,
  ): Promise<Map<string, T>> {
    const out = new Map<string, T>();
    const wanted = [...new Set(hashes)].filter((h) => HASH_RE.test(h));
    if (wanted.length === 0) return out;
    // Stored records and sets of contents no document holds any more are not the index's.
    const live = [...(await this.live(wanted))];
    const res = await this.run(
      live.map((h) => {
        const { tag, key } = keyOf(this.prefix, h);
        return { tag, cmd: ['getBuffer', key] as Cmd };
      }),
    );
    const found = new Map<string, T>();
    live.forEach((h, i) => {
      const buf = res[i] as Buffer | null;
      if (buf === null) return;
      const value = decode(h, buf);
      if (value !== null) found.set(h, value);
    });
    for (const h of hashes) {
      const v = found.get(h);
      if (v !== undefined) out.set(h, v);
    }
    return out;
  }

  async contents(hashes: readonly string[]): Promise<Map<string, IndexedContent>> {
    const params = this.knownParams ?? (await this.readParams());
    if (params === null) return new Map();
    return this.liveValues(hashes, contentKey, (h, buf) => decodeContentRecord(h, buf, params.bands));
  }

  async bandKeys(hashes: readonly string[]): Promise<Map<string, Uint32Array>> {
    const params = this.knownParams ?? (await this.readParams());
    if (params === null) return new Map();
    return this.liveValues(hashes, contentKey, (_, buf) => decodeBandKeys(buf, params.bands));
  }

  async shingleSets(hashes: readonly string[]): Promise<Map<string, Uint32Array>> {
    return this.liveValues(hashes, shingleSetKey, (_, buf) => decodeShingleSet(buf));
  }

  async documentsWith(hashes: readonly string[]): Promise<Map<string, IndexedDocument[]>> {
    const out = new Map<string, IndexedDocument[]>();
    const wanted = [...new Set(hashes)].filter((h) => HASH_RE.test(h));
    if (wanted.length === 0) return out;
    const res = await this.run(wanted.map((h) => ({ tag: 'cat', cmd: ['zrangebylex', this.holders, ...holdersRange(h)] as Cmd })));
    const pairs: [string, string][] = [];
    res.forEach((members) => {
      for (const m of members as string[]) pairs.push(parseHolder(m));
    });
    const docs = await this.hmget(
      this.docs,
      pairs.map(([, l]) => l),
    );
    pairs.forEach(([h, l], i) => {
      const v = docs[i];
      if (v == null) return;
      const d = parseIndexedDocument(v);
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

  async add(params: IndexParams, entries: Iterable<IndexEntry>): Promise<AddResult> {
    // Keys per content: its record, its shingle set, one bucket per band.
    const chunk = Math.max(1, Math.min(ADD_CHUNK, Math.floor(SCRIPT_KEYS_MAX / (params.bands + 2))));
    const parts = chunksOf(entries, chunk);
    // Content hashes name keys: the first chunk's are checked before anything is written.
    const first = parts.next();
    if (!first.done) checkHashes(first.value);
    await this.recordParams(params);
    const stage = stageKey(this.cat);
    let staged = 0;
    try {
      // Writing chunk k overlaps with preparing chunk k + 1. Each chunk is checked before it is
      // written: what a failed add wrote stays invisible (nothing is committed) and expires.
      let pending: Promise<unknown> = Promise.resolve();
      for (let next = first; !next.done; next = parts.next()) {
        const part = next.value;
        checkHashes(part);
        checkSizes(part, params);
        staged += part.length;
        const calls = await this.writeCalls(part, stage);
        await pending;
        pending = Promise.all(calls.map((c) => c()));
        // Handled here for the time it is not awaited yet; the await below still throws.
        pending.catch(() => undefined);
      }
      await pending;
      if (staged === 0) return { added: 0, replaced: 0, unchanged: 0 };
      this.hooks.beforeCommit?.();
      const [added, replaced, unchanged] = await this.scripts.reprintCommit(this.docs, this.refs, this.holders, stage, staged);
      return { added, replaced, unchanged };
    } catch (err) {
      // The commit deletes the stage itself; after a failure, tidy up (it expires anyway).
      await this.client.del(stage).catch(() => undefined);
      throw err;
    }
  }

  /**
   * The writes of one chunk of an add: content records, shingle sets and band members of contents
   * not live yet (a live content's were written before the commit that made it live, and are
   * never deleted), and the staged documents.
   */
  private async writeCalls(part: readonly IndexEntry[], stage: string): Promise<(() => Promise<unknown>)[]> {
    const hashes = [...new Set(part.map((e) => e.content.contentHash))];
    const live = await this.live(hashes);
    const todo = new Map<string, IndexEntry>();
    for (const e of part) if (!live.has(e.content.contentHash) && !todo.has(e.content.contentHash)) todo.set(e.content.contentHash, e);

    interface Group {
      contentKeys: string[];
      records: Buffer[];
      shingleSetKeys: string[];
      shingleSets: Buffer[];
      bucketKeys: string[];
      /** [content index in todo, band] per bucket key. */
      at: number[];
    }
    const groups = new Map<string, Group>();
    const create = (): Group => ({ contentKeys: [], records: [], shingleSetKeys: [], shingleSets: [], bucketKeys: [], at: [] });
    const list = [...todo.values()];
    list.forEach(({ content, bandKeys, shingleSet }, i) => {
      const record = encodeContentRecord(content, bandKeys);
      const ck = contentKey(this.prefix, content.contentHash);
      const g = this.group(groups, ck.tag, create);
      g.contentKeys.push(ck.key);
      g.records.push(record);
      if (shingleSet !== null) {
        // Same tag as the record: written in the same call.
        g.shingleSetKeys.push(shingleSetKey(this.prefix, content.contentHash).key);
        g.shingleSets.push(encodeShingleSet(shingleSet));
      }
      for (let b = 0; b < bandKeys.length; b++) {
        const bk = bucketKey(this.prefix, b, bandKeys[b]!);
        const gb = this.group(groups, bk.tag, create);
        gb.bucketKeys.push(bk.key);
        gb.at.push(i, b);
      }
    });
    const hashBytes = list.map((e) => Buffer.from(e.content.contentHash, 'hex'));
    const recordLength = list[0] === undefined ? 0 : contentRecordLength(list[0].bandKeys.length, list[0].content.signature.length);
    const calls: (() => Promise<unknown>)[] = [];
    for (const g of groups.values()) {
      const members = Buffer.allocUnsafe(MEMBER_BYTES * g.bucketKeys.length);
      for (let m = 0; m < g.bucketKeys.length; m++) {
        const i = g.at[2 * m]!;
        writeBandMember(members, m, list[i]!.bandKeys[g.at[2 * m + 1]!]!, hashBytes[i]!);
      }
      const keys = [...g.contentKeys, ...g.shingleSetKeys, ...g.bucketKeys];
      calls.push(() => this.scripts.reprintWrite(keys.length, ...keys, g.contentKeys.length, recordLength, Buffer.concat(g.records), members, ...g.shingleSets));
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
      const [next, flat] = await this.client.hscan(this.docs, cursor, 'COUNT', SCAN_COUNT);
      cursor = next;
      const batch: IndexedDocument[] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) {
        if (seen.has(flat[i]!)) continue;
        seen.add(flat[i]!);
        batch.push(parseIndexedDocument(flat[i + 1]!));
      }
      yield batch;
    } while (cursor !== '0');
  }

  async *listDocuments(labels: readonly (string | null)[] | null): AsyncIterable<IndexedDocument[]> {
    const wanted = labels === null ? null : new Set(labels);
    for await (const batch of this.scanDocs()) {
      const listed = wanted === null ? batch : batch.filter((d) => wanted.has(d.label));
      if (listed.length > 0) yield listed;
    }
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
