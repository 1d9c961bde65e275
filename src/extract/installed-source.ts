/**
 * Whether an installed library function's source holds each of the given parts. reprint replaces
 * a few of linkedom's and Readability's members with cheaper ones giving the same answers; each
 * replacement is made only when the installed code is the code it was written against, so another
 * version of a library runs as it is.
 */
export function sourceHas(fn: unknown, ...parts: string[]): boolean {
  return typeof fn === 'function' && parts.every((p) => String(fn).includes(p));
}
