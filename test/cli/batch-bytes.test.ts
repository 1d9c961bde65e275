/**
 * The bytes of JSON Lines lines reach the extraction workers in shared batch buffers that are
 * filled again once a batch has its results (runtime/pages.ts). These tests read hundreds of
 * distinct lines, so buffers are reused many times over, and check that every page comes out
 * with its own bytes: when batches succeed, and when a batch's worker crashes and its pages are
 * sent again one by one from the same buffer.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExtractReport } from '../../src/report/extract/types.js';
import { replaceWorkerScript } from '../../src/runtime/worker-script.js';
import { removeTempDirs, tempDir } from '../helpers.js';
import { json, runMain } from './run.js';

afterAll(removeTempDirs);

const LINES = 600;
/** Pages whose batch crashes its worker (crash-in-batch-guard.ts). */
const MARKED = new Set([7, 300, 599]);

/** Page i: its number in its URL, its title and every paragraph, so that a page read from another's bytes shows. */
function line(i: number): string {
  const words = ['harbour', 'council', 'ferry', 'budget', 'storm', 'school', 'bridge', 'market', 'river', 'station'];
  const paragraphs = Array.from({ length: 4 + (i % 5) }, (_, p) => {
    const topic = Array.from({ length: 12 + ((i + p) % 9) }, (_, w) => words[(i * 7 + p * 3 + w) % words.length]).join(' ');
    return `Report ${i} paragraph ${p}: the ${topic} story went on for page ${i} as the town heard it.`;
  });
  if (MARKED.has(i)) paragraphs[0] += ' The CRASH-IN-BATCH mark is on this page.';
  // Some pages far longer than others: batches end on their byte budget as well as their page count.
  if (i % 97 === 0) paragraphs.push(`Long page ${i}. `.repeat(20_000));
  return JSON.stringify({ url: `https://news.example/page-${i}`, title: `Page ${i} of the export`, text: paragraphs.join('\n\n') });
}

function exportFile(): string {
  const dir = tempDir('reprint-batches-');
  const file = path.join(dir, 'export.jsonl');
  writeFileSync(file, Array.from({ length: LINES }, (_, i) => line(i)).join('\n') + '\n');
  return file;
}

/** Every page is line i's: its path, URL and title name i, and so does its text. */
function expectOwnBytes(report: ExtractReport, file: string): void {
  expect(report.errors).toEqual([]);
  expect(report.pages).toHaveLength(LINES);
  report.pages.forEach((page, i) => {
    expect(page.path).toBe(`${file}:${i + 1}`);
    expect(page.url).toBe(`https://news.example/page-${i}`);
    expect(page.title).toBe(`Page ${i} of the export`);
    expect(page.text).toContain(`Report ${i} paragraph 0:`);
    expect(page.text.match(/Report (\d+) paragraph/g)!.every((m) => m === `Report ${i} paragraph`)).toBe(true);
    expect(page.text.includes('CRASH-IN-BATCH')).toBe(MARKED.has(i));
  });
}

describe('JSON Lines bytes in shared batch buffers', () => {
  it('every page of a long export is read from its own bytes, with one worker or two', async () => {
    const file = exportFile();
    const one = await runMain(['extract', file, '--jobs', '1']);
    expect(one.code).toBe(0);
    expectOwnBytes(json<ExtractReport>(one), file);
    const two = await runMain(['extract', file, '--jobs', '2']);
    expect(two.stdout.replace(/"elapsedMs":\s*\d+/, '')).toBe(one.stdout.replace(/"elapsedMs":\s*\d+/, ''));
  }, 120_000);

  it('pages of a batch whose worker crashes are sent again from the same bytes, with the same results', async () => {
    const file = exportFile();
    const clean = await runMain(['extract', file, '--jobs', '2']);
    const crashLog = path.join(path.dirname(file), 'crashes.log');
    const restore = replaceWorkerScript('extract-worker', new URL('./crash-in-batch-worker.ts', import.meta.url));
    let crashed;
    // Workers take the environment as it is when they start.
    process.env.REPRINT_TEST_CRASH_LOG = crashLog;
    try {
      crashed = await runMain(['extract', file, '--jobs', '2']);
    } finally {
      delete process.env.REPRINT_TEST_CRASH_LOG;
      restore();
    }
    // Each marked page's batch crashed its worker once (then pages go one to a message).
    expect(readFileSync(crashLog, 'utf8').trim().split('\n').length).toBeGreaterThanOrEqual(1);
    expect(crashed.code).toBe(0);
    expect(crashed.stderr).toBe('');
    expectOwnBytes(json<ExtractReport>(crashed), file);
    expect(crashed.stdout.replace(/"elapsedMs":\s*\d+/, '')).toBe(clean.stdout.replace(/"elapsedMs":\s*\d+/, ''));
  }, 120_000);
});
