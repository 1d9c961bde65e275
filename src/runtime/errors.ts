import { InputError } from '../input/read.js';

/** One line for the errors list: the reason a file could not be used. */
export function errorMessage(e: unknown): string {
  if (e instanceof InputError) return e.message;
  const err = e as Error;
  return `extraction failed: ${err?.message ?? String(e)}`.split('\n')[0]!;
}
