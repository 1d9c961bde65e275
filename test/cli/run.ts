/**
 * Runs the CLI in-process: main() from the sources with string-collecting streams, as the bin
 * would run it but without a process, a build or a shell. Worker threads start from the sources
 * too (src/runtime/worker-script.ts). Tests that need a real process use runCli (test/helpers.ts).
 */
import { Readable } from 'node:stream';
import type { CliContext } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { ROOT } from '../helpers.js';

export interface MainResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface MainOptions {
  /** The working directory main() sees (process.cwd() is not changed): the repo root by default. */
  cwd?: string;
  /** Added to { NO_COLOR: '1' }; the process's own environment is not passed on. */
  env?: Record<string, string | undefined>;
  /** Whether stdout and stderr say they are terminals. */
  isTTY?: boolean;
  /** Anything else of the context (e.g. hooks for the index store). */
  context?: Partial<CliContext>;
  /** What standard input holds (none: empty). */
  stdin?: string | Uint8Array;
}

export async function runMain(argv: string[], opts: MainOptions = {}): Promise<MainResult> {
  let stdout = '';
  let stderr = '';
  const isTTY = opts.isTTY ?? false;
  const code = await main({
    argv,
    cwd: opts.cwd ?? ROOT,
    env: { NO_COLOR: '1', ...opts.env },
    stdout: { isTTY, write: (chunk: string) => (stdout += chunk, true) },
    stderr: { isTTY, write: (chunk: string) => (stderr += chunk, true) },
    stdin: () => Readable.from([Buffer.from(opts.stdin ?? '')]),
    ...opts.context,
  });
  return { code, stdout, stderr };
}

/** The JSON report on stdout, or an error that shows what came out instead. */
export function json<T>(r: { stdout: string; stderr: string; code: number | null }): T {
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`stdout is not JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
}
