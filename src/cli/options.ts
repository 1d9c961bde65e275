/** Argument parsers for commander: each rejects a bad value with a message naming the option. */
import { InvalidArgumentError } from '@commander-js/extra-typings';

export function fraction(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 1) throw new InvalidArgumentError('expected a number above 0 and at most 1');
  return n;
}

export function openFraction(value: string): number {
  const n = fraction(value);
  if (n >= 1) throw new InvalidArgumentError('expected a number above 0 and below 1');
  return n;
}

export function integerIn(min: number, max: number): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
    }
    return n;
  };
}

const SIZE = /^(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?$/i;
const UNITS: Record<string, number> = { b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };

export function byteSize(value: string): number {
  const m = SIZE.exec(value.trim());
  if (m === null) throw new InvalidArgumentError('expected a size such as 500000, 512k or 10M');
  const n = Math.floor(Number(m[1]) * UNITS[(m[2] ?? 'b').toLowerCase()]!);
  if (n < 1) throw new InvalidArgumentError('expected a size of at least 1 byte');
  return n;
}

export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m)?$/i;

/** "30s", "500ms", "2m" or a number of seconds, to milliseconds. */
export function duration(value: string): number {
  const m = DURATION.exec(value.trim());
  if (m === null) throw new InvalidArgumentError('expected a duration such as 30s, 500ms or 2m');
  const unit = (m[2] ?? 's').toLowerCase();
  const ms = Math.round(Number(m[1]) * (unit === 'ms' ? 1 : unit === 'm' ? 60_000 : 1000));
  if (ms < 1) throw new InvalidArgumentError('expected a duration of at least 1ms');
  return ms;
}

const JSONL_KEYS = ['url', 'html', 'text', 'title', 'date', 'outlet', 'id'] as const;
export type JsonlFieldSpec = Partial<Record<(typeof JSONL_KEYS)[number], string[]>>;

/** "html=content,url=link|source_url" → { html: ['content'], url: ['link', 'source_url'] } */
export function jsonlFields(value: string): JsonlFieldSpec {
  const out: JsonlFieldSpec = {};
  for (const part of value.split(',')) {
    const m = /^\s*(\w+)\s*=\s*(.+?)\s*$/.exec(part);
    const key = m?.[1] as (typeof JSONL_KEYS)[number] | undefined;
    if (m === null || key === undefined || !JSONL_KEYS.includes(key)) {
      throw new InvalidArgumentError(`expected ${JSONL_KEYS.join('|')}=name[|name...], comma-separated`);
    }
    out[key] = m[2]!.split('|').map((s) => s.trim()).filter(Boolean);
  }
  return out;
}
