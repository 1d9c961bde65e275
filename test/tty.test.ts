import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from './helpers.js';

/** Runs the CLI under a pseudo-terminal (util-linux `script`), so stdout and stderr are TTYs. */
function underTty(args: string, env: Record<string, string> = {}): string {
  const r = spawnSync('script', ['-qc', `${process.execPath} ${BIN} ${args}`, '/dev/null'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', TERM: 'xterm', ...env },
  });
  expect(r.status).toBe(0);
  return r.stdout;
}

describe('on a terminal', () => {
  it('shows a progress line and colour in text format', () => {
    const out = underTty('scan fixtures/kazakhstan --format text');
    expect(out).toMatch(/reprint: 5\/5 pages, \d+ pages\/s, 0 errors, ETA \d+s/);
    expect(out).toContain('\u001b[1mcluster ');
    // After reading, the steps that follow are named.
    expect(out).toContain('reprint: signing 5 pages');
    expect(out).toContain('reprint: clustering 5 pages');
  });

  it('gives no ETA when a crawl file holds an unknown number of pages', () => {
    const out = underTty('scan fixtures/crawl/pages.jsonl --format text');
    expect(out).toMatch(/reprint: \d+ pages, \d+ pages\/s, \d+ errors/);
    expect(out).not.toMatch(/ETA/);
  });

  it('shows no progress with --no-progress, in JSON, or in NDJSON', () => {
    expect(underTty('scan fixtures/kazakhstan --format text --no-progress')).not.toContain('pages/s');
    const json = underTty('scan fixtures/kazakhstan');
    expect(json).not.toContain('pages/s');
    expect(JSON.parse(json.replace(/\r\n/g, '\n')).summary.clusters).toBe(1);
    expect(underTty('scan fixtures/kazakhstan --format ndjson')).not.toContain('pages/s');
  });

  it('honours NO_COLOR', () => {
    expect(underTty('scan fixtures/kazakhstan --format text --no-progress', { NO_COLOR: '1' })).not.toContain('\u001b[');
  });
});
