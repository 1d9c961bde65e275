/**
 * The CLI against Redis and a three-master Redis Cluster: index add, check, --update, stats and
 * remove through real servers, and the same answers as the SQLite index gives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../../src/report/check/types.js';
import type { IndexAddReport, IndexRemoveReport, IndexStatsReport } from '../../../src/report/index/types.js';
import { killAtFault, ROOT, runCli } from '../../helpers.js';
import { startRedis, startRedisCluster, type RedisServer } from '../../helpers/redis-servers.js';

function json<T>(r: { stdout: string; stderr: string; code: number | null }): T {
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`stdout is not JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
}

const servers: Record<string, RedisServer> = {};
beforeAll(async () => {
  [servers['redis'], servers['redis cluster']] = await Promise.all([startRedis(), startRedisCluster()]);
}, 120_000);
afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s.stop()));
});

describe.each(['redis', 'redis cluster'])('reprint on %s', (name) => {
  const url = (prefix: string): string => `${servers[name]!.url}?prefix=${prefix}`;

  it('index add, check, --update and stats give the answers the SQLite index gives', () => {
    const index = url('seeds');
    const add = runCli(['index', 'add', 'fixtures/kazakhstan', '--index', index, '--label', 'spring']);
    expect(add.code, add.stderr).toBe(0);
    expect(json<IndexAddReport>(add).index).toMatchObject({ documents: 5, contents: 3 });
    expect(json<IndexAddReport>(add).index.location).not.toMatch(/@/);

    const check = runCli(['check', 'fixtures/html', '--index', index, '--update', '--label', 'autumn']);
    expect(check.code, check.stderr).toBe(1);
    const report = json<CheckReport>(check);
    expect(report.summary).toMatchObject({ new: 3, copiesOfIndexed: 2, update: { added: 3, replaced: 0, unchanged: 0 } });
    for (const f of report.findings) {
      expect(f.earliest).toBe('fixtures/kazakhstan/london-daily-2025-05-31.txt');
      expect(f.indexed.map((c) => c.outlet)).toEqual(expect.arrayContaining(['Arab Press', 'London Daily']));
    }

    const again = runCli(['check', 'fixtures/html', '--index', index]);
    expect(again.code, again.stderr).toBe(0);
    expect(json<CheckReport>(again).summary).toMatchObject({ new: 0, unchanged: 3 });

    const stats = json<IndexStatsReport>(runCli(['index', 'stats', '--index', index]));
    expect(stats).toMatchObject({ documents: 8, contents: 4 });
    expect(stats.labels.map((l) => [l.label, l.documents])).toEqual([
      ['autumn', 3],
      ['spring', 5],
    ]);

    const removed = json<IndexRemoveReport>(runCli(['index', 'remove', 'fixtures/html', '--index', index]));
    expect(removed.removed).toHaveLength(3);
    expect(json<IndexStatsReport>(runCli(['index', 'stats', '--index', index])).documents).toBe(5);
  });

  it('SIGKILL between writing and committing an add leaves the index as it was', async () => {
    const index = url('kill');
    expect(runCli(['index', 'add', 'fixtures/kazakhstan', '--index', index]).code).toBe(0);
    const before = json<IndexStatsReport>(runCli(['index', 'stats', '--index', index]));
    expect(await killAtFault(['index', 'add', 'fixtures/html', '--index', index], ROOT)).toBe('SIGKILL');
    expect(json<IndexStatsReport>(runCli(['index', 'stats', '--index', index]))).toEqual(before);
    const redo = json<IndexAddReport>(runCli(['index', 'add', 'fixtures/html', '--index', index]));
    expect(redo.summary).toMatchObject({ added: 3 });
    expect(redo.index).toMatchObject({ documents: 8, contents: 4 });
  });

  it('other sketch settings are exit 2, naming both', () => {
    const index = url('settings');
    expect(runCli(['index', 'add', 'fixtures/kazakhstan', '--index', index]).code).toBe(0);
    const r = runCli(['index', 'add', 'fixtures/html', '--index', index, '-k', '4']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/shingleSize: index has 5, this run uses 4/);
  });
});
