/** What the CLI touches of the process, passed in so tests can run main() in-process. */
import type { StoreHooks } from '../index/store.js';

export interface OutputStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export interface CliContext {
  argv: string[];
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: OutputStream;
  stderr: OutputStream;
  /** Passed to the index store: tests stop a write at its commit point. */
  storeHooks?: StoreHooks;
  /**
   * Standard input, for the path `-` and `--files-from -`. A function, so a run that does not
   * read it never touches process.stdin (which would hold the process open on a terminal).
   */
  stdin?: () => AsyncIterable<Uint8Array>;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

export function colorEnabled(stream: OutputStream, env: CliContext['env']): boolean {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['FORCE_COLOR'] !== undefined) return env['FORCE_COLOR'] !== '0';
  return stream.isTTY === true && env['TERM'] !== 'dumb';
}
