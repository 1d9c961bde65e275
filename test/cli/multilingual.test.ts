/**
 * `reprint scan` on Arabic and Russian text scrapes (fixtures/multilingual): copies of one article
 * under two outlets' chrome cluster, two different articles under one outlet's chrome do not,
 * and every copy names its outlet and dateline.
 */
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanReport } from '../../src/report/scan/types.js';
import { fixture, removeTempDirs, tempDir } from '../helpers.js';
import { json, runMain } from './run.js';

const DIR = 'fixtures/multilingual';
const at = (name: string): string => `${DIR}/${name}`;

async function scan(args: string[], cwd?: string): Promise<ScanReport> {
  const r = await runMain(['scan', ...args], cwd === undefined ? {} : { cwd });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return json<ScanReport>(r);
}

const clusterPaths = (report: ScanReport): string[][] => report.clusters.map((c) => c.members.map((m) => m.path).sort()).sort();

afterAll(removeTempDirs);

describe('reprint scan on Arabic and Russian text scrapes', () => {
  let report: ScanReport;
  beforeAll(async () => {
    report = await scan([DIR]);
  });

  it('clusters the copies of each article, and nothing else', () => {
    expect(report.summary).toMatchObject({ documents: 5, clusters: 2, errors: 0 });
    expect(clusterPaths(report)).toEqual([
      [at('kurier-tram-line.txt'), at('pravda-severa-tram-line.txt')],
      [at('ofoq-desalination-plant.txt'), at('sada-desalination-plant.txt')],
    ]);
  });

  it('names the outlet of each copy and its dateline as printed and as an ISO date', () => {
    const members = report.clusters.flatMap((c) => c.members);
    const byPath = Object.fromEntries(members.map((m) => [m.path, m]));
    expect(byPath[at('ofoq-desalination-plant.txt')]).toMatchObject({ outlet: 'الأفق اليوم', dateline: 'الثلاثاء، 3 فبراير 2026', published: '2026-02-03' });
    expect(byPath[at('sada-desalination-plant.txt')]).toMatchObject({ outlet: 'صدى الساحل', dateline: 'الأربعاء ٤ شباط ٢٠٢٦', published: '2026-02-04' });
    expect(byPath[at('kurier-tram-line.txt')]).toMatchObject({ outlet: 'Вечерний курьер', dateline: '3 февраля 2026', published: '2026-02-03' });
    expect(byPath[at('pravda-severa-tram-line.txt')]).toMatchObject({ outlet: 'Правда Севера', dateline: 'Среда, 4 февраля 2026', published: '2026-02-04' });
    for (const m of members) expect(m.similarity).toBeGreaterThan(0.95);
    const desal = report.clusters.find((c) => c.members.some((m) => m.path === at('ofoq-desalination-plant.txt')))!;
    expect(desal.earliest).toBe(at('ofoq-desalination-plant.txt'));
  });

  it('keeps an article out of the cluster of another that shares its outlet chrome', () => {
    expect(report.clusters.flatMap((c) => c.members.map((m) => m.path))).not.toContain(at('ofoq-olive-harvest.txt'));
  });

  it('does so by furniture removal alone (no outlet templates), and with the two pages of one outlet alone', async () => {
    expect(clusterPaths(await scan([DIR, '--no-templates']))).toEqual(clusterPaths(report));
    const dir = tempDir();
    for (const f of ['ofoq-desalination-plant.txt', 'ofoq-olive-harvest.txt']) copyFileSync(fixture('multilingual', f), path.join(dir, f));
    for (const extra of [[], ['--no-templates']]) {
      const alone = await scan(['.', ...extra], dir);
      expect(alone.summary).toMatchObject({ documents: 2, clusters: 0, errors: 0 });
    }
  });

  it('joins the copies in their clusters with the other fixtures around, and leaves the seeds as they were', async () => {
    const both = await scan([DIR, 'fixtures/kazakhstan']);
    expect(both.summary.clusters).toBe(3);
    expect(clusterPaths(both)).toContainEqual([
      'fixtures/kazakhstan/arab-press-2026-02-03.txt',
      'fixtures/kazakhstan/london-daily-2025-05-31.txt',
      'fixtures/kazakhstan/official-statement-bare.txt',
    ]);
  });
});
