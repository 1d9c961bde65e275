import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = path.join(ROOT, 'bin', 'reprint.js');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI (dist/) as a user would, from `cwd` (the repo root by default). Most CLI tests
 * call main() in-process instead (test/cli/run.ts); this is for the ones that need a real process.
 */
export function runCli(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): RunResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function fixture(...parts: string[]): string {
  return path.join(ROOT, 'fixtures', ...parts);
}

const madeDirs: string[] = [];

/** A fresh temporary folder; removeTempDirs() (in afterAll) removes every one made. */
export function tempDir(prefix = 'reprint-test-'): string {
  const d = mkdtempSync(path.join(tmpdir(), prefix));
  madeDirs.push(d);
  return d;
}

export function removeTempDirs(): void {
  for (const d of madeDirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

/**
 * Runs the CLI with a store hook that stops before the commit (test/helpers/fault-cli.mjs), waits
 * until it reports that it has written everything and not committed, then SIGKILLs it there.
 * Resolves with the signal it died of. A SIGKILL leaves the run's scratch folder behind (no
 * handler can run), so the child gets a temp folder of its own, removed here.
 */
export async function killAtFault(args: string[], cwd: string): Promise<NodeJS.Signals | null> {
  const childTmp = mkdtempSync(path.join(tmpdir(), 'reprint-killed-'));
  try {
    return await spawnAndKill(args, cwd, childTmp);
  } finally {
    rmSync(childTmp, { recursive: true, force: true });
  }
}

async function spawnAndKill(args: string[], cwd: string, childTmp: string): Promise<NodeJS.Signals | null> {
  const child = spawn(process.execPath, [path.join(ROOT, 'test', 'helpers', 'fault-cli.mjs'), ...args], {
    cwd,
    env: { ...process.env, TMPDIR: childTmp, TMP: childTmp, TEMP: childTmp },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (b: Buffer) => {
      stderr += b.toString();
      if (stderr.includes('fault pause-before-commit')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} ended (${code}) before the fault point: ${stderr}`)));
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_c, signal) => resolve(signal)));
  child.kill('SIGKILL');
  return exited;
}

/**
 * `count` strings of up to `maxLength - 1` pieces drawn from `alphabet` by a seeded generator (a
 * linear congruential one): the same strings on every run, for tests that compare two paths of
 * one function on random text.
 */
export function randomStrings(alphabet: readonly string[], count: number, maxLength: number, seed: number): string[] {
  let state = seed >>> 0;
  const next = (): number => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
  const out: string[] = [];
  for (let round = 0; round < count; round++) {
    let text = '';
    const length = next() % maxLength;
    for (let i = 0; i < length; i++) text += alphabet[next() % alphabet.length];
    out.push(text);
  }
  return out;
}
