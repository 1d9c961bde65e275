/** A scan stopped by Ctrl-C or a kill signal leaves no scratch files behind. */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from './helpers.js';

const root = mkdtempSync(path.join(tmpdir(), 'reprint-signal-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

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
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    // Wait for the scan's scratch folder, then stop it mid-way.
    for (let i = 0; i < 400 && readdirSync(scratch).filter((d) => d.startsWith('reprint-scan-')).length === 0; i++) {
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(readdirSync(scratch).some((d) => d.startsWith('reprint-scan-'))).toBe(true);
    child.kill(signal);
    expect(await exited).toBe(code);
    expect(readdirSync(scratch).filter((d) => d.startsWith('reprint-scan-'))).toEqual([]);
  });
});
