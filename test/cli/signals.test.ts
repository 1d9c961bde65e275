/** A scan stopped by Ctrl-C or a kill signal leaves no scratch files behind: the built CLI, signalled. */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, removeTempDirs, tempDir } from '../helpers.js';

const root = tempDir('reprint-signal-');
afterAll(removeTempDirs);

function corpus(dir: string, count: number): void {
  mkdirSync(dir, { recursive: true });
  let x = 7;
  const word = (): string => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return `w${x % 5000}`;
  };
  for (let i = 0; i < count; i++) writeFileSync(path.join(dir, `p${i}.txt`), Array.from({ length: 200 }, word).join(' ') + '.\n');
}

describe('signals', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s during a scan removes the scratch folder and exits %i', async (signal, code) => {
    const pages = path.join(root, 'pages');
    if (readdirSync(root).length === 0) corpus(pages, 3000);
    const scratch = mkdtempSync(path.join(root, 'tmp-'));
    const child = spawn(process.execPath, [BIN, 'scan', pages, '--no-progress', '--jobs', '1'], {
      env: { ...process.env, TMPDIR: scratch },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let exitCode: number | null | undefined;
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve((exitCode = c))));
    // Wait for the scan's scratch folder (however long the start takes), then stop it mid-way.
    const scanning = (): boolean => readdirSync(scratch).some((d) => d.startsWith('reprint-scan-'));
    while (exitCode === undefined && !scanning()) await new Promise((r) => setTimeout(r, 25));
    expect(scanning()).toBe(true);
    child.kill(signal);
    expect(await exited).toBe(code);
    expect(readdirSync(scratch).filter((d) => d.startsWith('reprint-scan-'))).toEqual([]);
  }, 120_000);
});
