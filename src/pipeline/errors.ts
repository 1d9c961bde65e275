import { InputError } from '../input/read.js';
import { TooShortError } from './document.js';

/** One line for the errors list: the reason a file could not be used. */
export function errorMessage(e: unknown): string {
  if (e instanceof InputError || e instanceof TooShortError) return e.message;
  const err = e as Error;
  return `extraction failed: ${err?.message ?? String(e)}`.split('\n')[0]!;
}
