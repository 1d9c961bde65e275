#!/usr/bin/env node
// bench/cluster-index.js — the persistent index on a Redis Cluster at scale (issue 15's facts).
//
//   node bench/run.js [--quick] cluster-index [--cluster-index-repeats=N] [--cluster-index-writer-repeats=N]
//   node bench/cluster-index.js [--quick]                    (the same, standalone)
//   (after `npx tsc -p .` / `npm run build`)
//
// On the text JSON Lines corpora of bench/lib/generate.js (10k and 100k pages; --quick: 2k and
// 10k), cached in <tmpdir>/reprint-bench-corpora (or $REPRINT_BENCH_CORPORA), each step on a fresh
// three-master Redis Cluster on loopback (bench/lib/redis-server.js startRedisCluster; no
// persistence, temp folders, every server stopped at the end, also on error):
//
// 1. Memory. `reprint index add <corpus> --index redis://…?prefix=P --no-progress` (the built CLI,
//    a child process, default --jobs), with shingle sets (the default) and with --no-shingle-sets.
//    INFO memory used_memory summed over the masters minus the empty cluster's; every key listed
//    (SCAN on each master) and counted by kind; MEMORY USAGE … SAMPLES 0 on a seeded random sample
//    (500) of content records P:c:*, shingle sets P:s:* and band buckets P:b:* (bytes per band
//    member = Σ usage / Σ ZCARD over the sample) and on the whole catalog hashes docs, refs and
//    holders; each kind's total estimated as mean × count. Band members are also measured on
//    synthetic buckets of the sizes a bigger index would have (a bucket holds index size / 16,384
//    members: 2^14 buckets per band), since a sorted set past zset-max-listpack-entries leaves the
//    compact listpack encoding.
// 2. Writers. The largest corpus split by line into 1, 2 and 4 shards (a label each), one
//    `index add --jobs 1` process per shard, all started together into one cluster: wall seconds
//    for the set, documents/s, CPU seconds of the writers (/usr/bin/time) and of the redis-server
//    processes (/proc/<pid>/stat utime + stime, before and after); then `index stats` must show
//    exactly the corpus's documents. 4 writers share the machine's cores (2 here) with the three
//    servers: the figure is what the hardware gives, not what 4 machines would.
// 3. `reprint index clusters` on each index (median of N runs, default 3): wall, CPU, peak RSS;
//    its `clusters` compared with `reprint scan` on the same JSON Lines file: with shingle sets
//    they must be identical; with --no-shingle-sets (verified on signature estimates), pair-level
//    precision and recall of the estimate run against scan's clusters, and the clusters that differ.
// 4. Hot band keys: ZCARD of every band bucket; members of the biggest buckets grouped by their
//    4-byte band key, biggest first until no bucket left can hold a bigger group (so the largest
//    group is exact): the most contents sharing one band key. candidatePairs links a group of over
//    64 documents as a star and a chain.
// 5. A sizing table for 10M and 100M documents: linear in the measured bytes per document, beside
//    a model by component (band members at the bucket size of that scale), masters needed at
//    25 GiB usable per master, the catalog (one hash slot, so one master), and the `index
//    clusters` process memory from its RSS growth between the two sizes.
//
// Writes bench/results/cluster-index.json (via bench/run.js, or when run standalone).
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import { generateCorpus, GENERATOR_VERSION } from './lib/generate.js';
import { measure, TIME_BIN } from './lib/measure.js';
import { startRedisCluster } from './lib/redis-server.js';
import { machineInfo, prng, round, spread, fmtSpread, table } from './lib/util.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'bin', 'reprint.js');
const SEED = 20250611;
const SAMPLE = 500;
const MEMBER_BYTES = 12;
/** Buckets per band: bucket = band key >>> 18 (src/stores/redis/keys.ts). */
const BUCKETS_PER_BAND = 2 ** 14;
/** candidatePairs' maxBucket: bigger groups become a star and a chain. */
const STAR_OVER = 64;
/** Usable memory per master assumed by the sizing table. */
const GIB_PER_MASTER = 25;
const GiB = 2 ** 30;
const MiB = 2 ** 20;
/** One clustering pass holds at most 2^26 documents (src/match/candidates.ts MAX_DOCUMENTS). */
const MAX_CLUSTER_DOCS = 2 ** 26;
const SCALES = [10_000_000, 100_000_000];
/** zset-max-listpack-entries raised (the sizing table's alternative: every bucket a listpack up to 100M contents). */
const RAISED_LISTPACK = 8192;

const log = (...a) => console.error(...a);
const corporaRoot = () => process.env.REPRINT_BENCH_CORPORA ?? path.join(os.tmpdir(), 'reprint-bench-corpora');
const intArg = (name, dflt) => {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  const n = a ? Number(a.slice(name.length + 3)) : dflt;
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name}: a positive integer, not ${a}`);
  return n;
};

async function corpusFiles(articles, size) {
  const dir = path.join(corporaRoot(), `text-jsonl-${size}-s${SEED}-v${GENERATOR_VERSION}`);
  const t0 = performance.now();
  const truth = await generateCorpus({ dir, size, kind: 'text', format: 'jsonl', seed: SEED, articles, check: true, log });
  if (!truth.cached) log(`  generated text/jsonl/${size} in ${round((performance.now() - t0) / 1000, 1)}s -> ${dir}`);
  const files = readdirSync(truth.pagesDir)
    .filter((n) => n.endsWith('.jsonl'))
    .sort()
    .map((n) => path.join(truth.pagesDir, n));
  return { dir, files, pages: truth.pages };
}

// ---------------------------------------------------------------------------------------------
// processes

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
function procCpuS(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / CLK_TCK;
}
const serversCpuS = (cluster) => cluster.nodes.reduce((s, n) => s + procCpuS(n.pid), 0);

/** The CLI under /usr/bin/time; throws on a non-zero exit. */
async function cli(args, what) {
  const r = await measure([process.execPath, CLI, ...args], ROOT);
  if (r.exit !== 0) throw new Error(`${what}: exit ${r.exit}\n${r.stderr.slice(-3000)}`);
  return r;
}
const peakMiB = (r) => (r.peakRssKiB == null ? null : round(r.peakRssKiB / 1024, 1));

// ---------------------------------------------------------------------------------------------
// Redis: memory, keys

function clients(cluster) {
  return cluster.nodes.map((n) => new Redis({ host: n.host, port: n.port, lazyConnect: false, maxRetriesPerRequest: 1, enableOfflineQueue: true }));
}
async function closeAll(cs) {
  await Promise.all(cs.map((c) => c.quit().catch(() => c.disconnect())));
}
const infoField = (info, name) => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(info)?.[1] ?? NaN);
async function usedMemory(cs) {
  const per = await Promise.all(cs.map(async (c) => infoField(await c.info('memory'), 'used_memory')));
  return { total: per.reduce((s, x) => s + x, 0), perMaster: per };
}

/** Every key of the prefix on every master, by kind: content, shingles, bucket, catalog. */
async function census(cs, prefix) {
  const kinds = { c: [], s: [], b: [], other: [] };
  const perMaster = [];
  for (let m = 0; m < cs.length; m++) {
    const counts = { c: 0, s: 0, b: 0, other: 0 };
    let cursor = '0';
    do {
      const [next, keys] = await cs[m].scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 10000);
      cursor = next;
      for (const k of keys) {
        const kind = k.startsWith(`${prefix}:c:{`) ? 'c' : k.startsWith(`${prefix}:s:{`) ? 's' : k.startsWith(`${prefix}:b:{`) ? 'b' : 'other';
        kinds[kind].push([m, k]);
        counts[kind]++;
      }
    } while (cursor !== '0');
    perMaster.push(counts);
  }
  return { kinds, perMaster };
}

function sampleOf(list, n, seed) {
  const r = prng(seed);
  const copy = [...list];
  for (let i = 0; i < Math.min(n, copy.length); i++) {
    const j = i + r.int(copy.length - i);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, n);
}

async function pipelined(cs, items, cmd) {
  // items: [master, key]; cmd(pipeline, key); results in item order
  const out = new Array(items.length);
  const byMaster = new Map();
  items.forEach(([m, k], i) => {
    if (!byMaster.has(m)) byMaster.set(m, []);
    byMaster.get(m).push([k, i]);
  });
  await Promise.all(
    [...byMaster].map(async ([m, list]) => {
      for (let at = 0; at < list.length; at += 5000) {
        const part = list.slice(at, at + 5000);
        const p = cs[m].pipeline();
        for (const [k] of part) cmd(p, k);
        const res = await p.exec();
        res.forEach(([err, v], j) => {
          if (err) throw err;
          out[part[j][1]] = v;
        });
      }
    }),
  );
  return out;
}

const usage = (p, k) => p.call('MEMORY', 'USAGE', k, 'SAMPLES', '0');

/** Memory of one index: used_memory delta, keys by kind, samples, catalog, hot band keys. */
async function memoryOf(cs, prefix, baseline, docs, contents, hot) {
  const used = await usedMemory(cs);
  const { kinds, perMaster } = await census(cs, prefix);
  const kindStats = {};
  for (const [kind, name] of [
    ['c', 'contentRecords'],
    ['s', 'shingleSets'],
    ['b', 'bandBuckets'],
  ]) {
    const list = kinds[kind];
    const sample = sampleOf(list, SAMPLE, SEED + kind.charCodeAt(0));
    const bytes = await pipelined(cs, sample, usage);
    const sum = bytes.reduce((s, x) => s + x, 0);
    const st = { keys: list.length, sampled: sample.length, meanBytesPerKey: sample.length ? round(sum / sample.length, 1) : 0 };
    if (kind === 's') {
      const lens = await pipelined(cs, sample, (p, k) => p.strlen(k));
      st.meanValueBytes = sample.length ? round(lens.reduce((s, x) => s + x, 0) / sample.length, 1) : 0;
    }
    if (kind === 'c') {
      const lens = await pipelined(cs, sample, (p, k) => p.strlen(k));
      st.meanValueBytes = sample.length ? round(lens.reduce((s, x) => s + x, 0) / sample.length, 1) : 0;
    }
    if (kind === 'b') {
      const cards = await pipelined(cs, sample, (p, k) => p.zcard(k));
      const members = cards.reduce((s, x) => s + x, 0);
      st.sampledMembers = members;
      st.meanMembersPerBucket = round(members / Math.max(1, sample.length), 2);
      st.bytesPerBandMember = round(sum / Math.max(1, members), 2);
      const enc = await pipelined(cs, sample.slice(0, 50), (p, k) => p.call('OBJECT', 'ENCODING', k));
      st.encodings = [...new Set(enc)];
    }
    st.estimatedTotalBytes = Math.round(st.meanBytesPerKey * list.length);
    kindStats[name] = st;
  }
  // the catalog: one slot, so one master
  const catalog = {};
  for (const [m, k] of kinds.other) {
    const name = k.slice(`${prefix}:{${prefix}:cat}:`.length);
    if (!['docs', 'refs', 'holders', 'meta'].includes(name)) continue;
    const c = cs[m];
    const [bytes, enc, n] = await Promise.all([c.call('MEMORY', 'USAGE', k, 'SAMPLES', '0'), c.call('OBJECT', 'ENCODING', k), name === 'holders' ? c.zcard(k) : c.hlen(k)]);
    catalog[name] = { master: m, bytes, entries: n, encoding: enc };
  }
  const catalogBytes = Object.values(catalog).reduce((s, x) => s + x.bytes, 0);
  const bandMembers = hot?.members ?? null;
  const delta = used.total - baseline.total;
  const accounted = Object.values(kindStats).reduce((s, x) => s + x.estimatedTotalBytes, 0) + catalogBytes;
  return {
    usedMemoryBytes: used.total,
    usedMemoryPerMaster: used.perMaster,
    baselineBytes: baseline.total,
    indexBytes: delta,
    indexMiB: round(delta / MiB, 1),
    bytesPerDocument: round(delta / docs, 1),
    bytesPerContent: round(delta / contents, 1),
    masterShare: used.perMaster.map((u, i) => round((u - baseline.perMaster[i]) / delta, 3)),
    keysPerMaster: perMaster,
    kinds: kindStats,
    catalog,
    catalogBytes,
    catalogBytesPerDocument: round(catalogBytes / docs, 1),
    bandMembers,
    accountedBytes: accounted,
    unaccountedBytes: delta - accounted,
    breakdownPerDocument: {
      contentRecords: round(kindStats.contentRecords.estimatedTotalBytes / docs, 1),
      shingleSets: round(kindStats.shingleSets.estimatedTotalBytes / docs, 1),
      bandBuckets: round(kindStats.bandBuckets.estimatedTotalBytes / docs, 1),
      catalog: round(catalogBytes / docs, 1),
      rest: round((delta - accounted) / docs, 1),
    },
  };
}

/**
 * ZCARD of every band bucket, then the biggest buckets' members grouped by 4-byte band key,
 * biggest bucket first, until no bucket left is bigger than the biggest group found (exact then),
 * or maxRead buckets read.
 */
async function hotBandKeys(cs, prefix, maxRead = 50_000) {
  const { kinds } = await census(cs, prefix);
  const buckets = kinds.b;
  const cards = await pipelined(cs, buckets, (p, k) => p.zcard(k));
  const order = cards.map((c, i) => i).sort((a, b) => cards[b] - cards[a]);
  const members = cards.reduce((s, x) => s + x, 0);
  let best = 0;
  let bestKey = null;
  let read = 0;
  let over64 = 0;
  let at = 0;
  const bigBuckets = order.slice(0, 10).map((i) => cards[i]);
  while (at < order.length && read < maxRead && cards[order[at]] > best) {
    const part = [];
    for (; at < order.length && part.length < 1000 && cards[order[at]] > best; at++) part.push(buckets[order[at]]);
    const ranges = await pipelined(cs, part, (p, k) => p.zrangeBuffer(k, 0, -1));
    read += part.length;
    for (let j = 0; j < part.length; j++) {
      const groups = new Map();
      for (const m of ranges[j]) {
        const key = m.readUInt32BE(0);
        groups.set(key, (groups.get(key) ?? 0) + 1);
      }
      for (const [key, n] of groups) {
        if (n > STAR_OVER) over64++;
        if (n > best) {
          best = n;
          bestKey = `${part[j][1]} band key 0x${key.toString(16).padStart(8, '0')}`;
        }
      }
    }
  }
  const exact = at >= order.length || cards[order[at]] <= best;
  return {
    bucketKeys: buckets.length,
    members,
    meanMembersPerBucket: round(members / Math.max(1, buckets.length), 2),
    largestBuckets: bigBuckets,
    bucketsRead: read,
    largestBandKeyGroup: best,
    largestBandKeyGroupAt: bestKey,
    largestExact: exact,
    bandKeyGroupsOver64InBucketsRead: over64,
  };
}

/**
 * Bytes per 12-byte member of a band bucket of `size` members (score 0, random members sharing
 * nothing), as Redis stores it: a listpack up to zset-max-listpack-entries, a skiplist + dict past it.
 */
async function syntheticBucketBytes(c, prefix, sizes, listpackEntries) {
  const out = [];
  const r = prng(SEED);
  const was = (await c.call('CONFIG', 'GET', 'zset-max-listpack-entries'))[1];
  if (listpackEntries != null) await c.call('CONFIG', 'SET', 'zset-max-listpack-entries', String(listpackEntries));
  try {
    for (const size of sizes) out.push(await syntheticBucket(c, prefix, size, r));
  } finally {
    await c.call('CONFIG', 'SET', 'zset-max-listpack-entries', was);
  }
  return out.map((x) => ({ ...x, zsetMaxListpackEntries: Number(listpackEntries ?? was) }));
}

async function syntheticBucket(c, prefix, size, r) {
  const key = `${prefix}:synthetic:{zz}:${size}`;
  await c.del(key);
  for (let at = 0; at < size; at += 1000) {
    const args = [];
    for (let i = at; i < Math.min(size, at + 1000); i++) {
      const m = Buffer.alloc(MEMBER_BYTES);
      for (let b = 0; b < MEMBER_BYTES; b += 4) m.writeUInt32LE((r() * 2 ** 32) >>> 0, b);
      args.push(0, m);
    }
    await c.zadd(key, ...args);
  }
  const [bytes, enc] = await Promise.all([c.call('MEMORY', 'USAGE', key, 'SAMPLES', '0'), c.call('OBJECT', 'ENCODING', key)]);
  await c.del(key);
  return { members: size, bytes, bytesPerMember: round(bytes / size, 2), encoding: enc };
}

// ---------------------------------------------------------------------------------------------
// clusters compared

function clusterSets(report) {
  return report.clusters.map((c) => c.members.map((m) => m.path).sort());
}
function pairsOf(sets) {
  const out = new Set();
  for (const s of sets) for (let i = 0; i < s.length; i++) for (let j = i + 1; j < s.length; j++) out.add(`${s[i]}\n${s[j]}`);
  return out;
}
/** Leaves that differ between two JSON values, counted by field (array indexes as []); the first one shown. */
function diffLeaves(a, b, at = '', out = { byField: {}, first: null }) {
  const field = at.replace(/\[\d+\]/g, '[]');
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = Array.isArray(a) ? [...Array(Math.max(a.length, b.length)).keys()] : [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) diffLeaves(a[k], b[k], Array.isArray(a) ? `${at}[${k}]` : `${at}.${k}`, out);
  } else if (JSON.stringify(a) !== JSON.stringify(b)) {
    out.byField[field] = (out.byField[field] ?? 0) + 1;
    out.first ??= `${at}: scan ${JSON.stringify(a)?.slice(0, 80)}, index ${JSON.stringify(b)?.slice(0, 80)}`;
  }
  return out;
}

/** The estimate (or index) run against scan: pair-level precision and recall, clusters that differ. */
function compareClusters(scanReport, report) {
  const identical = JSON.stringify(scanReport.clusters) === JSON.stringify(report.clusters);
  const a = clusterSets(scanReport);
  const b = clusterSets(report);
  const pa = pairsOf(a);
  const pb = pairsOf(b);
  let both = 0;
  for (const p of pb) if (pa.has(p)) both++;
  const ka = new Set(a.map((s) => s.join('\n')));
  const kb = new Set(b.map((s) => s.join('\n')));
  const onlyScan = [...ka].filter((k) => !kb.has(k)).length;
  const onlyIndex = [...kb].filter((k) => !ka.has(k)).length;
  const diff = identical ? null : diffLeaves(scanReport.clusters, report.clusters, 'clusters');
  return {
    identical,
    differingLeaves: diff?.byField ?? {},
    firstDifference: diff?.first ?? null,
    sameMembership: onlyScan === 0 && onlyIndex === 0,
    scanClusters: a.length,
    indexClusters: b.length,
    scanPairs: pa.size,
    indexPairs: pb.size,
    pairsInBoth: both,
    pairsOnlyInIndex: pb.size - both,
    pairsOnlyInScan: pa.size - both,
    pairPrecision: round(pb.size ? both / pb.size : 1, 4),
    pairRecall: round(pa.size ? both / pa.size : 1, 4),
    clustersOnlyInScan: onlyScan,
    clustersOnlyInIndex: onlyIndex,
  };
}

// ---------------------------------------------------------------------------------------------
// shards

/** Split the corpus's lines into n files of consecutive lines (the first ones get the remainder). */
async function splitLines(files, total, n, dir) {
  const outs = [];
  const names = [];
  for (let i = 0; i < n; i++) {
    names.push(path.join(dir, `shard-${i + 1}-of-${n}.jsonl`));
    outs.push(createWriteStream(names[i], { highWaterMark: 1 << 20 }));
  }
  const per = Math.ceil(total / n);
  let line = 0;
  const lines = new Array(n).fill(0);
  for (const f of files) {
    let rest = Buffer.alloc(0);
    for await (const chunk of createReadStream(f, { highWaterMark: 1 << 22 })) {
      let buf = rest.length ? Buffer.concat([rest, chunk]) : chunk;
      let start = 0;
      for (let nl = buf.indexOf(10, start); nl >= 0; nl = buf.indexOf(10, start)) {
        const s = Math.min(n - 1, Math.floor(line / per));
        if (!outs[s].write(buf.subarray(start, nl + 1))) await once(outs[s], 'drain');
        lines[s]++;
        line++;
        start = nl + 1;
      }
      rest = Buffer.from(buf.subarray(start));
    }
    if (rest.length) {
      const s = Math.min(n - 1, Math.floor(line / per));
      outs[s].write(Buffer.concat([rest, Buffer.from('\n')]));
      lines[s]++;
      line++;
    }
  }
  await Promise.all(outs.map((o) => new Promise((r) => o.end(r))));
  return { files: names, lines };
}

// ---------------------------------------------------------------------------------------------
// the bench

async function withCluster(fn) {
  const cluster = await startRedisCluster();
  const cs = clients(cluster);
  try {
    return await fn(cluster, cs);
  } finally {
    await closeAll(cs);
    await cluster.stop();
  }
}

async function indexStats(url) {
  const out = execFileSync(process.execPath, [CLI, 'index', 'stats', '--index', url], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(out);
}

async function memoryAndClusters({ files, pages, shingleSets, repeats, scanReport, doHot }) {
  const prefix = shingleSets ? 'ix' : 'ixnoset';
  return withCluster(async (cluster, cs) => {
    const url = `${cluster.url}?prefix=${prefix}`;
    const baseline = await usedMemory(cs);
    const cpu0 = serversCpuS(cluster);
    const t0 = performance.now();
    const add = await cli(['index', 'add', ...files, '--index', url, '--no-progress', ...(shingleSets ? [] : ['--no-shingle-sets'])], 'index add');
    const wallS = (performance.now() - t0) / 1000;
    const redisCpuS = serversCpuS(cluster) - cpu0;
    const stats = await indexStats(url);
    if (stats.documents !== pages) throw new Error(`index stats: ${stats.documents} documents, expected ${pages}`);
    const hot = doHot ? await hotBandKeys(cs, prefix) : null;
    const memory = await memoryOf(cs, prefix, baseline, stats.documents, stats.contents, hot);
    const listpackEntries = Number((await cs[0].call('CONFIG', 'GET', 'zset-max-listpack-entries'))[1]);
    // index clusters, N runs; the first run's output compared with scan
    const runs = [];
    let report = null;
    let stderr = '';
    for (let i = 0; i < repeats; i++) {
      const r = await cli(['index', 'clusters', '--index', url], 'index clusters');
      runs.push({ wallS: round(r.wallS, 3), cpuS: round(r.cpuS, 3), peakRssMiB: peakMiB(r) });
      if (i === 0) {
        report = JSON.parse(r.stdout);
        stderr = r.stderr;
      }
    }
    const cmp = compareClusters(scanReport, report);
    return {
      shingleSets,
      documents: stats.documents,
      contents: stats.contents,
      add: { wallS: round(wallS, 2), cpuS: round(add.cpuS, 2), peakRssMiB: peakMiB(add), docsPerSec: round(pages / wallS, 1), redisCpuS: round(redisCpuS, 2) },
      zsetMaxListpackEntries: listpackEntries,
      memory,
      hot,
      clusters: {
        runs,
        wallS: spread(runs.map((r) => r.wallS)),
        cpuS: spread(runs.map((r) => r.cpuS)),
        peakRssMiB: spread(runs.map((r) => r.peakRssMiB), 1),
        found: report.summary.clusters,
        duplicates: report.summary.duplicates,
        stderr: stderr.trim().slice(0, 500),
      },
      vsScan: cmp,
    };
  });
}

async function writers({ files, pages, n, shardDir, contentsExpected }) {
  const shards = n === 1 && files.length === 1 ? { files, lines: [pages] } : await splitLines(files, pages, n, shardDir);
  return withCluster(async (cluster) => {
    const url = `${cluster.url}?prefix=w${n}`;
    const cpu0 = serversCpuS(cluster);
    const t0 = performance.now();
    const res = await Promise.all(
      shards.files.map((f, i) => cli(['index', 'add', f, '--index', url, '--no-progress', '--jobs', '1', '--label', `shard-${i + 1}-of-${n}`], `writer ${i + 1} of ${n}`)),
    );
    const wallS = (performance.now() - t0) / 1000;
    const redisCpuS = serversCpuS(cluster) - cpu0;
    const stats = await indexStats(url);
    const labels = Object.fromEntries(stats.labels.map((l) => [l.label, l.documents]));
    return {
      writers: n,
      shardLines: shards.lines,
      wallS: round(wallS, 2),
      docsPerSec: round(pages / wallS, 1),
      writerCpuS: round(res.reduce((s, r) => s + r.cpuS, 0), 2),
      writerWallS: res.map((r) => round(r.wallS, 2)),
      writerPeakRssMiB: res.map(peakMiB),
      redisCpuS: round(redisCpuS, 2),
      cpuPerWallS: round((res.reduce((s, r) => s + r.cpuS, 0) + redisCpuS) / wallS, 2),
      statsDocuments: stats.documents,
      statsContents: stats.contents,
      labels,
      // documents: exactly the corpus, each shard's under its label. Distinct contents may differ
      // from one add of the whole file: template lines are found per run among one outlet's pages,
      // so a shard's pages can keep a line the whole run drops (another text, another hash).
      exact: stats.documents === pages && shards.lines.every((l, i) => labels[`shard-${i + 1}-of-${n}`] === l),
      contentsOfOneAdd: contentsExpected,
    };
  });
}

function sizing(r) {
  const [small, big] = r.sizes;
  const bySize = (size, sets) => r.memory.find((m) => m.size === size && m.shingleSets === sets);
  const rows = [];
  const listpack = r.zsetMaxListpackEntries;
  for (const sets of [true, false]) {
    const s = bySize(small, sets);
    const b = bySize(big, sets);
    const perDoc = b.memory.bytesPerDocument;
    const contentsPerDoc = b.contents / b.documents;
    const bands = r.bands;
    // a model by component: per content record and shingle set, per catalog entry, band members at
    // the bucket size of that scale (measured on synthetic buckets), bucket keys all present
    const k = b.memory.kinds;
    const perContent = k.contentRecords.meanBytesPerKey + (sets ? k.shingleSets.meanBytesPerKey : 0);
    const catalogPerDoc = b.memory.catalogBytesPerDocument;
    const rssSlope = (b.clusters.peakRssMiB.median - s.clusters.peakRssMiB.median) / (big - small); // MiB per document
    for (const docs of SCALES) {
      const contents = docs * contentsPerDoc;
      const perBucket = (contents * bands) / (bands * BUCKETS_PER_BAND);
      const at = (setting) => {
        const rows = r.syntheticBuckets.filter((x) => x.zsetMaxListpackEntries === setting);
        return (rows.find((x) => x.members >= perBucket) ?? rows[rows.length - 1]).bytesPerMember;
      };
      const memberBytes = at(listpack);
      const memberBytesRaised = at(RAISED_LISTPACK);
      const modelBytes = contents * perContent + docs * catalogPerDoc + contents * bands * memberBytes;
      const raisedBytes = contents * perContent + docs * catalogPerDoc + contents * bands * memberBytesRaised;
      const linearBytes = docs * perDoc;
      const catalogBytes = docs * catalogPerDoc;
      const rssMiB = b.clusters.peakRssMiB.median + rssSlope * (docs - big);
      rows.push({
        documents: docs,
        shingleSets: sets,
        linearGiB: round(linearBytes / GiB, 1),
        linearMasters: Math.ceil(linearBytes / (GIB_PER_MASTER * GiB)),
        membersPerBucket: Math.round(perBucket),
        bucketEncoding: perBucket > listpack ? 'skiplist' : 'listpack',
        bandMemberBytesModel: memberBytes,
        modelGiB: round(modelBytes / GiB, 1),
        modelMasters: Math.ceil(modelBytes / (GIB_PER_MASTER * GiB)),
        bandMemberBytesRaised: memberBytesRaised,
        raisedGiB: round(raisedBytes / GiB, 1),
        raisedMasters: Math.ceil(raisedBytes / (GIB_PER_MASTER * GiB)),
        catalogGiBOneMaster: round(catalogBytes / GiB, 1),
        catalogFitsOneMaster: catalogBytes <= GIB_PER_MASTER * GiB,
        clustersRssGiB: round(rssMiB / 1024, 1),
        clustersOnePass: docs <= MAX_CLUSTER_DOCS,
      });
    }
  }
  return {
    assumptions: [
      `${GIB_PER_MASTER} GiB usable per master (used_memory; leave headroom for fragmentation, replication buffers and fork copy-on-write on top)`,
      `linear: the ${big}-document index's used_memory per document (fixed costs included) × documents`,
      `model: per content (record + shingle set when kept, sampled means at ${big}) + per document catalog (docs, refs, holders at ${big}) + bands × contents × bytes per band member at the bucket size of that scale (contents / 16,384), measured on synthetic buckets (zset-max-listpack-entries ${listpack}: past it a bucket is a skiplist)`,
      `model, listpack ${RAISED_LISTPACK}: the same with zset-max-listpack-entries ${RAISED_LISTPACK} (buckets stay listpacks; a ZRANGEBYLEX probe then walks the bucket's listpack, up to ~6,000 members at 100M)`,
      `catalog: docs, refs and holders share one hash slot (one Lua script commits an add), so one master holds all of them whatever the number of masters: at ${round(bySize(big, true).memory.catalogBytesPerDocument, 0)} B per document, ${GIB_PER_MASTER} GiB hold the catalog of at most ${Math.floor((GIB_PER_MASTER * GiB) / bySize(big, true).memory.catalogBytesPerDocument / 1e6)}M documents (with nothing else on that master)`,
      `index clusters RSS: the ${big} run's median peak RSS + (RSS growth per document between ${small} and ${big}) × (documents − ${big}); one clustering pass holds at most 2^26 = ${MAX_CLUSTER_DOCS} documents`,
    ],
    rows,
  };
}

export async function benchClusterIndex({ quick = false, articles } = {}) {
  if (!articles) articles = await (await import('./lib/corpus.js')).loadAllsides();
  const started = Date.now();
  const sizes = quick ? [2_000, 10_000] : [10_000, 100_000];
  const repeats = intArg('cluster-index-repeats', 3);
  const writerRepeats = intArg('cluster-index-writer-repeats', 1);
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'reprint-bench-cluster-index-'));
  const memory = [];
  const scans = [];
  const writerRuns = [];
  let syntheticBuckets = null;
  let zsetMaxListpackEntries = null;
  let bands = null;
  try {
    for (const size of sizes) {
      const corpus = await corpusFiles(articles, size);
      log(`  ${size}: scan`);
      const scan = await cli(['scan', ...corpus.files, '--no-progress'], 'scan');
      const scanReport = JSON.parse(scan.stdout);
      bands = scanReport.params.bands;
      scans.push({ size, wallS: round(scan.wallS, 2), cpuS: round(scan.cpuS, 2), peakRssMiB: peakMiB(scan), clusters: scanReport.summary.clusters, duplicates: scanReport.summary.duplicates });
      for (const shingleSets of [true, false]) {
        log(`  ${size}: index add${shingleSets ? '' : ' --no-shingle-sets'}, memory, index clusters ×${repeats}`);
        const m = await memoryAndClusters({ files: corpus.files, pages: corpus.pages, shingleSets, repeats, scanReport, doHot: shingleSets });
        memory.push({ size, ...m });
        zsetMaxListpackEntries = m.zsetMaxListpackEntries;
      }
    }
    // band members at the bucket sizes of larger indexes
    await withCluster(async (cluster, cs) => {
      const sizesAt = [...new Set([Math.round(sizes[1] / BUCKETS_PER_BAND) || 1, 61, zsetMaxListpackEntries, zsetMaxListpackEntries + 1, 610, 6100])].sort((a, b) => a - b);
      // the synthetic key's tag {zz} is not a hash tag the index uses; send it to its master
      const slot = Number(await cs[0].call('CLUSTER', 'KEYSLOT', 'x:{zz}'));
      const shards = await cs[0].call('CLUSTER', 'SLOTS');
      const owner = shards.find(([a, b]) => slot >= a && slot <= b)[2][1];
      const c = cs[cluster.nodes.findIndex((n) => n.port === owner)];
      syntheticBuckets = [
        ...(await syntheticBucketBytes(c, 'synthetic', sizesAt, null)),
        // the same with the setting raised, so that buckets of 100M contents stay listpacks
        ...(await syntheticBucketBytes(c, 'synthetic', sizesAt.filter((x) => x > zsetMaxListpackEntries), RAISED_LISTPACK)),
      ];
    });
    // writers into one cluster, on the largest corpus
    const big = await corpusFiles(articles, sizes[1]);
    const contentsExpected = memory.find((m) => m.size === sizes[1] && m.shingleSets)?.contents ?? null;
    for (let rep = 0; rep < writerRepeats; rep++) {
      for (const n of [1, 2, 4]) {
        log(`  ${sizes[1]}: ${n} writer${n > 1 ? 's' : ''} (--jobs 1 each)${writerRepeats > 1 ? `, run ${rep + 1}` : ''}`);
        const shardDir = path.join(scratch, `shards-${n}`);
        rmSync(shardDir, { recursive: true, force: true });
        mkdirSync(shardDir, { recursive: true });
        writerRuns.push({ run: rep + 1, ...(await writers({ files: big.files, pages: big.pages, n, shardDir, contentsExpected })) });
        rmSync(shardDir, { recursive: true, force: true });
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const writerSummary = [1, 2, 4].map((n) => {
    const rs = writerRuns.filter((w) => w.writers === n);
    return {
      writers: n,
      runs: rs.length,
      wallS: spread(rs.map((r) => r.wallS), 2),
      docsPerSec: spread(rs.map((r) => r.docsPerSec), 1),
      writerCpuS: spread(rs.map((r) => r.writerCpuS), 2),
      redisCpuS: spread(rs.map((r) => r.redisCpuS), 2),
      exact: rs.every((r) => r.exact),
    };
  });
  const result = {
    bench: 'cluster-index',
    date: new Date().toISOString(),
    quick,
    machine: machineInfo(),
    loadAverage1m: round(os.loadavg()[0], 2),
    command: `node bench/run.js${quick ? ' --quick' : ''} cluster-index`,
    timing: `${TIME_BIN} -f '%e %U %S %M' per CLI process (CPU = user + sys); redis-server CPU from /proc/<pid>/stat utime + stime (CLK_TCK ${CLK_TCK})`,
    cluster: 'three masters, no replicas, loopback, no persistence; redis-server ' + execFileSync('redis-server', ['--version'], { encoding: 'utf8' }).trim(),
    sizes,
    bands,
    zsetMaxListpackEntries,
    sample: SAMPLE,
    repeats,
    writerRepeats,
    scans,
    memory,
    syntheticBuckets,
    writers: { runs: writerRuns, summary: writerSummary, note: `each writer its own process with --jobs 1; the machine has ${os.cpus().length} cores, shared with the three redis-servers (and other work)` },
  };
  result.sizing = sizing(result);
  result.seconds = round((Date.now() - started) / 1000, 1);
  return result;
}

// ---------------------------------------------------------------------------------------------
// the summary

const f1 = (x) => (Number.isFinite(x) ? round(x, 1) : '-');
export function formatClusterIndex(r) {
  const out = [];
  out.push(`Redis Cluster (3 masters, loopback), ${r.machine.cores} cores (${r.machine.cpu}); bands ${r.bands}; zset-max-listpack-entries ${r.zsetMaxListpackEntries}`);
  out.push('\n1. Redis memory after `index add` (used_memory over the masters minus the empty cluster)\n');
  const mrows = [['docs', 'shingle sets', 'contents', 'index MiB', 'B/doc', 'records B/doc', 'shingle sets B/doc', 'band buckets B/doc', 'catalog B/doc', 'rest B/doc', 'B/band member', 'members/bucket', 'master shares']];
  for (const m of r.memory) {
    const b = m.memory.breakdownPerDocument;
    mrows.push([
      m.size,
      m.shingleSets ? 'yes' : 'no',
      m.contents,
      m.memory.indexMiB,
      m.memory.bytesPerDocument,
      b.contentRecords,
      b.shingleSets,
      b.bandBuckets,
      b.catalog,
      b.rest,
      m.memory.kinds.bandBuckets.bytesPerBandMember,
      m.memory.kinds.bandBuckets.meanMembersPerBucket,
      m.memory.masterShare.join(' / '),
    ]);
  }
  out.push(table(mrows));
  const krows = [['docs', 'shingle sets', 'record keys', 'B/record (value)', 'shingle-set keys', 'B/shingle set (value)', 'bucket keys', 'docs hash B/entry', 'refs B/entry', 'holders B/entry', 'catalog encodings']];
  for (const m of r.memory) {
    const k = m.memory.kinds;
    const c = m.memory.catalog;
    const per = (x) => (x ? round(x.bytes / Math.max(1, x.entries), 1) : '-');
    krows.push([
      m.size,
      m.shingleSets ? 'yes' : 'no',
      k.contentRecords.keys,
      `${k.contentRecords.meanBytesPerKey} (${k.contentRecords.meanValueBytes})`,
      k.shingleSets.keys,
      k.shingleSets.keys ? `${k.shingleSets.meanBytesPerKey} (${k.shingleSets.meanValueBytes})` : '-',
      k.bandBuckets.keys,
      per(c.docs),
      per(c.refs),
      per(c.holders),
      ['docs', 'refs', 'holders'].map((n) => c[n]?.encoding ?? '-').join('/'),
    ]);
  }
  out.push('\nMEMORY USAGE … SAMPLES 0 on ' + r.sample + ' sampled keys of each kind (bytes per key, with the value length) and on the whole catalog hashes:\n');
  out.push(table(krows));
  out.push('\nBand members in buckets of the sizes a bigger index has (synthetic, 12-byte members, score 0):\n');
  out.push(table([['members', 'zset-max-listpack-entries', 'encoding', 'B/member'], ...r.syntheticBuckets.map((s) => [s.members, s.zsetMaxListpackEntries, s.encoding, s.bytesPerMember])]));

  out.push(`\n2. index add into one cluster, ${r.sizes[1]} documents split by line, one process per shard with --jobs 1 (${r.machine.cores} cores shared with the 3 servers)\n`);
  const wrows = [['writers', 'run', 'wall s', 'docs/s', 'writer CPU s', 'redis CPU s', '(CPU)/wall', 'writer wall s', 'writer peak RSS MiB', 'stats docs', 'docs exact', 'contents (one add)']];
  for (const w of r.writers.runs) {
    wrows.push([w.writers, w.run, w.wallS, w.docsPerSec, w.writerCpuS, w.redisCpuS, w.cpuPerWallS, w.writerWallS.join(' '), w.writerPeakRssMiB.join(' '), w.statsDocuments, w.exact ? 'yes' : 'NO', `${w.statsContents} (${w.contentsOfOneAdd ?? '-'})`]);
  }
  out.push(table(wrows));
  const addRows = [['docs', 'shingle sets', 'add wall s (default --jobs)', 'docs/s', 'add CPU s', 'redis CPU s', 'add peak RSS MiB']];
  for (const m of r.memory) addRows.push([m.size, m.shingleSets ? 'yes' : 'no', m.add.wallS, m.add.docsPerSec, m.add.cpuS, m.add.redisCpuS, m.add.peakRssMiB]);
  out.push('\nThe memory runs\' adds (one process, default --jobs):\n');
  out.push(table(addRows));

  out.push(`\n3. index clusters (median [min-max] of ${r.repeats}) against scan on the same file\n`);
  const crows = [['docs', 'shingle sets', 'wall s', 'CPU s', 'peak RSS MiB', 'clusters', 'identical', 'same members', 'pair precision', 'pair recall', 'pairs only index/only scan', 'clusters differing (index/scan)']];
  for (const m of r.memory) {
    const v = m.vsScan;
    crows.push([
      m.size,
      m.shingleSets ? 'yes' : 'no',
      fmtSpread(m.clusters.wallS),
      fmtSpread(m.clusters.cpuS),
      fmtSpread(m.clusters.peakRssMiB, 1),
      m.clusters.found,
      String(v.identical),
      String(v.sameMembership),
      v.pairPrecision,
      v.pairRecall,
      `${v.pairsOnlyInIndex}/${v.pairsOnlyInScan}`,
      `${v.clustersOnlyInIndex}/${v.clustersOnlyInScan}`,
    ]);
  }
  for (const s of r.scans) crows.push([s.size, 'scan (--jobs default)', s.wallS, s.cpuS, s.peakRssMiB, s.clusters, '', '', '', '', '', '']);
  out.push(table(crows));
  for (const m of r.memory.filter((x) => !x.vsScan.identical)) {
    const d = Object.entries(m.vsScan.differingLeaves).map(([k, n]) => `${k} ×${n}`).join(', ');
    out.push(`  ${m.size}${m.shingleSets ? '' : ' --no-shingle-sets'}: differing fields ${d}; first: ${m.vsScan.firstDifference}`);
  }

  out.push('\n4. Hot band keys (contents sharing one band key; exact: biggest buckets read until none left could hold more)\n');
  const hrows = [['docs', 'bucket keys', 'members', 'members/bucket', 'largest buckets', 'largest band-key group', 'exact', 'groups > 64 seen']];
  for (const m of r.memory.filter((x) => x.hot)) {
    const h = m.hot;
    hrows.push([m.size, h.bucketKeys, h.members, h.meanMembersPerBucket, h.largestBuckets.slice(0, 5).join(' '), h.largestBandKeyGroup, h.largestExact ? 'yes' : `no (${h.bucketsRead} read)`, h.bandKeyGroupsOver64InBucketsRead]);
  }
  out.push(table(hrows));

  out.push(`\n5. Sizing (${GIB_PER_MASTER} GiB usable per master)\n`);
  const srows = [['documents', 'shingle sets', 'Redis GiB (linear)', 'masters (linear)', 'members/bucket', 'bucket encoding', 'B/band member', 'Redis GiB (model)', 'masters (model)', `GiB / masters (model, listpack ${RAISED_LISTPACK})`, 'catalog GiB on one master', 'index clusters RSS GiB', 'one clustering pass']];
  for (const x of r.sizing.rows) {
    srows.push([
      x.documents.toLocaleString('en-US'),
      x.shingleSets ? 'yes' : 'no',
      x.linearGiB,
      x.linearMasters,
      x.membersPerBucket,
      x.bucketEncoding,
      x.bandMemberBytesModel,
      x.modelGiB,
      x.modelMasters,
      `${x.raisedGiB} / ${x.raisedMasters} (${x.bandMemberBytesRaised} B/member)`,
      `${x.catalogGiBOneMaster}${x.catalogFitsOneMaster ? '' : ' (over)'}`,
      f1(x.clustersRssGiB),
      x.clustersOnePass ? 'yes' : 'no (> 2^26)',
    ]);
  }
  out.push(mdTable(srows));
  out.push('\n' + r.sizing.assumptions.map((a) => `- ${a}`).join('\n'));
  return out.join('\n');
}

/** A markdown table (the sizing table is meant to be pasted). */
function mdTable(rows) {
  return [rows[0], rows[0].map(() => '---'), ...rows.slice(1)].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { writeResult } = await import('./minhash.js');
  const r = await benchClusterIndex({ quick: process.argv.includes('--quick') });
  console.log(formatClusterIndex(r));
  console.log(`\nwrote ${path.relative(process.cwd(), writeResult('cluster-index', r))} (${r.seconds}s)`);
}
