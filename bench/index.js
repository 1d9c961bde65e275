// The index benchmark: time and peak memory to check new pages against a large index, for
// SQLite and for Redis, each against the same check on an index 100 times smaller (the baseline,
// measured in the same run). Each configuration runs in its own process.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineInfo, round, table } from './lib/util.js';
import { startRedisServer } from './lib/redis-server.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const fileSize = (f) => ['', '-wal'].reduce((n, s) => n + (statSync(f + s, { throwIfNoEntry: false })?.size ?? 0), 0);

function child(mode, kind, spec, indexSize, newPages) {
  const out = execFileSync(process.execPath, [path.join(HERE, 'index-child.js'), mode, kind, spec, String(indexSize), String(newPages)], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').pop());
}

export async function benchIndex({ quick = false } = {}) {
  const started = Date.now();
  const big = quick ? 100_000 : 1_000_000;
  const newPages = quick ? 1_000 : 10_000;
  const small = big / 100;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'reprint-bench-index-'));
  const runs = [];
  try {
    const one = (kind, spec, size) => ({ ...child('build', kind, spec, size, newPages), ...child('check', kind, spec, size, newPages) });
    for (const size of [small, big]) {
      const file = path.join(dir, `index-${size}.db`);
      runs.push({ ...one('sqlite', file, size), fileMiB: Math.round(fileSize(file) / 2 ** 20) });
    }
    for (const size of [small, big]) {
      const server = await startRedisServer();
      try {
        runs.push(one('redis', server.url, size));
      } finally {
        await server.stop();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const ratio = (kind) => {
    const [s, b] = runs.filter((r) => r.kind === kind);
    return { checkTimeRatio: round(b.checkMedianSeconds / s.checkMedianSeconds, 2), peakRssRatio: round(b.peakRssMiB / s.peakRssMiB, 2) };
  };
  return {
    bench: 'index',
    date: new Date().toISOString(),
    quick,
    machine: machineInfo(),
    indexSize: big,
    baselineIndexSize: small,
    newPages,
    runs,
    bigOverBaseline: { sqlite: ratio('sqlite'), redis: ratio('redis') },
    seconds: round((Date.now() - started) / 1000, 1),
  };
}

export function formatIndex(r) {
  const rows = [['store', 'index', 'build s', 'build/s', `check ${r.newPages} s`, 'pages/s', 'planted found', 'check peak RSS MiB', 'file / server MiB']];
  for (const x of r.runs) {
    rows.push([x.kind, x.indexSize, x.buildSeconds, x.buildPerSec, x.checkMedianSeconds, x.pagesPerSec, `${x.plantedFound}/${x.planted}`, x.peakRssMiB, x.fileMiB ?? x.serverMemoryMiB ?? '-']);
  }
  const b = r.bigOverBaseline;
  return [
    table(rows),
    `index ${r.indexSize} vs ${r.baselineIndexSize}: check time ×${b.sqlite.checkTimeRatio} (SQLite), ×${b.redis.checkTimeRatio} (Redis); peak RSS ×${b.sqlite.peakRssRatio} (SQLite), ×${b.redis.peakRssRatio} (Redis)`,
  ].join('\n');
}
