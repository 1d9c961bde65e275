/**
 * On a terminal: progress on stderr and colour on stdout. One test runs the built CLI under a real
 * pseudo-terminal (util-linux `script`), so that the bin's own TTY detection is what is tested; the
 * rest run main() in-process with streams that say they are terminals.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers.js';
import { runMain } from './run.js';

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

/** main() with terminal streams and the environment underTty gives; stderr then stdout, as a terminal shows them here. */
async function onTerminal(args: string[], env: Record<string, string> = {}): Promise<{ out: string; stdout: string }> {
  const r = await runMain(args, { isTTY: true, env: { NO_COLOR: '', FORCE_COLOR: '', TERM: 'xterm', ...env } });
  expect(r.code).toBe(0);
  return { out: r.stderr + r.stdout, stdout: r.stdout };
}

describe('on a terminal', { timeout: 120_000 }, () => {
  it('shows a progress line and colour in text format (built CLI under a pseudo-terminal)', () => {
    const out = underTty('scan fixtures/kazakhstan --format text');
    expect(out).toMatch(/reprint: 5\/5 pages, \d+ pages\/s, 0 errors, ETA \d+s/);
    expect(out).toContain('\u001b[1mcluster ');
    // After reading, the steps that follow are named.
    expect(out).toContain('reprint: signing 5 pages');
    expect(out).toContain('reprint: clustering 5 pages');
  });

  it('shows no progress with --no-progress or --quiet', async () => {
    expect((await onTerminal(['scan', 'fixtures/kazakhstan', '--format', 'text', '--no-progress'])).out).not.toContain('pages/s');
    expect((await onTerminal(['scan', 'fixtures/kazakhstan', '--format', 'text', '--quiet'])).out).not.toContain('pages/s');
  });

  it('honours NO_COLOR', async () => {
    expect((await onTerminal(['scan', 'fixtures/kazakhstan', '--format', 'text', '--no-progress'], { NO_COLOR: '1' })).out).not.toContain('\u001b[');
  });
});
