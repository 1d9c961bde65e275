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

const counts = new WeakMap<object, Map<string, number>>();

/** How many times `part` occurs in an installed library function's source (0 for what is not a function). */
export function sourceCount(fn: unknown, part: string): number {
  if (typeof fn !== 'function' || part === '') return 0;
  let known = counts.get(fn);
  if (known === undefined) counts.set(fn, (known = new Map()));
  let count = known.get(part);
  if (count === undefined) {
    count = String(fn).split(part).length - 1;
    known.set(part, count);
  }
  return count;
}
