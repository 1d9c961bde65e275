/**
 * Whether an installed library function's source holds each of the given parts. reprint replaces
 * a few of linkedom's and Readability's members with cheaper ones giving the same answers; each
 * replacement is made only when the installed code is the code it was written against, so another
 * version of a library runs as it is. Readability's are checked on every page: the answers are kept.
 */
const answers = new WeakMap<object, Map<string, boolean>>();

export function sourceHas(fn: unknown, ...parts: string[]): boolean {
  if (typeof fn !== 'function') return false;
  let known = answers.get(fn);
  if (known === undefined) answers.set(fn, (known = new Map()));
  const key = parts.join('\0');
  let has = known.get(key);
  if (has === undefined) {
    const source = String(fn);
    has = parts.every((p) => source.includes(p));
    known.set(key, has);
  }
  return has;
}
