const answers = new WeakMap<object, Map<string, boolean | number>>();

/** An answer about a function's source, worked out once per function and question. */
function answer<T extends boolean | number>(fn: object, question: string, work: (source: string) => T): T {
  let known = answers.get(fn);
  if (known === undefined) answers.set(fn, (known = new Map()));
  let a = known.get(question) as T | undefined;
  if (a === undefined) known.set(question, (a = work(String(fn))));
  return a;
}

/**
 * Whether an installed library function's source holds each of the given parts. reprint replaces
 * a few of linkedom's and Readability's members with cheaper ones giving the same answers; each
 * replacement is made only when the installed code is the code it was written against, so another
 * version of a library runs as it is. Readability's are checked on every page: the answers are kept.
 */
export function sourceHas(fn: unknown, ...parts: string[]): boolean {
  if (typeof fn !== 'function') return false;
  return answer(fn, `has\0${parts.join('\0')}`, (source) => parts.every((p) => source.includes(p)));
}

/** How many times `part` occurs in an installed library function's source (0 for what is not a function). */
export function sourceCount(fn: unknown, part: string): number {
  if (typeof fn !== 'function' || part === '') return 0;
  return answer(fn, `count\0${part}`, (source) => source.split(part).length - 1);
}
