/** Header blocks, as WARC records and HTTP messages both write them. */

export function startsWithAscii(buf: Uint8Array, at: number, s: string): boolean {
  if (at + s.length > buf.length) return false;
  for (let i = 0; i < s.length; i++) if (buf[at + i] !== s.charCodeAt(i)) return false;
  return true;
}

/** End of the header block starting at `from` (index after the blank line), or -1. */
export function headerEnd(buf: Uint8Array, from: number, limit: number): number {
  const stop = Math.min(buf.length, from + limit);
  for (let i = from; i < stop; i++) {
    if (buf[i] !== 0x0a) continue;
    if (buf[i + 1] === 0x0a) return i + 2;
    if (buf[i + 1] === 0x0d && buf[i + 2] === 0x0a) return i + 3;
  }
  return -1;
}

/** Header lines (after the first) to lower-cased name → values, folded lines joined. */
export function parseFields(text: string): { first: string; fields: Map<string, string[]> } {
  const lines = text.split(/\r?\n/);
  const first = lines.shift() ?? '';
  const fields = new Map<string, string[]>();
  let last: { name: string; idx: number } | null = null;
  for (const line of lines) {
    if (line === '') continue;
    if ((line.startsWith(' ') || line.startsWith('\t')) && last !== null) {
      const vals = fields.get(last.name)!;
      vals[last.idx] = `${vals[last.idx]!} ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    const vals = fields.get(name);
    if (vals === undefined) fields.set(name, [value]);
    else vals.push(value);
    last = { name, idx: (fields.get(name)!.length) - 1 };
  }
  return { first, fields };
}

export function field(fields: Map<string, string[]>, name: string): string | null {
  return fields.get(name)?.[0] ?? null;
}
