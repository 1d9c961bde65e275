/** A count with its noun: `1 cluster`, `2 clusters`, `0 errors`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
