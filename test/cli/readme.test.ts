/**
 * The README stays true: every fenced block that starts with `$ npx reprint …` or `$ reprint …`
 * is run, and what follows the command in the block must be what the command prints. In the
 * README, `…` stands for text left out: a line of `…` alone for any number of lines, a `…` inside
 * a line for any text. Timings (`elapsedMs`) are the only thing masked.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';
import { runMain } from './run.js';

interface Example {
  /** 1-based line of the command in README.md. */
  line: number;
  argv: string[];
  output: string[];
}

function readmeExamples(): Example[] {
  const lines = readFileSync(path.join(ROOT, 'README.md'), 'utf8').split('\n');
  const examples: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```/.test(lines[i]!)) continue;
    const end = lines.findIndex((l, j) => j > i && l.startsWith('```'));
    const command = /^\$ (?:npx )?reprint (.+)$/.exec(lines[i + 1] ?? '');
    if (command !== null) examples.push({ line: i + 2, argv: command[1]!.split(/\s+/), output: lines.slice(i + 2, end) });
    i = end;
  }
  return examples;
}

const ELLIPSIS = '…';

/** A README line as a pattern: `…` inside it stands for any text. */
function linePattern(line: string): RegExp {
  return new RegExp(`^${line.split(ELLIPSIS).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

/** Whether the printed lines are the README's, with `…` lines standing for any run of lines. */
function matches(shown: readonly string[], printed: readonly string[]): boolean {
  const [first, ...rest] = shown;
  if (first === undefined) return printed.length === 0;
  if (first.trim() === ELLIPSIS) {
    for (let skip = 0; skip <= printed.length; skip++) if (matches(rest, printed.slice(skip))) return true;
    return false;
  }
  return printed.length > 0 && linePattern(first).test(printed[0]!) && matches(rest, printed.slice(1));
}

const maskTimings = (s: string): string => s.replace(/"elapsedMs":\s*\d+/g, '"elapsedMs": 0');

describe('README examples', { timeout: 120_000 }, () => {
  const examples = readmeExamples();

  it('finds the quick start, the CSV example and the explain example', () => {
    const commands = examples.map((e) => e.argv.join(' '));
    expect(commands).toEqual(
      expect.arrayContaining([
        'scan fixtures/kazakhstan --format text',
        'scan fixtures/kazakhstan --format csv',
        'explain fixtures/explain/steppe-courier-2022-01-10.txt fixtures/explain/caspian-daily-2022-01-11.txt',
      ]),
    );
  });

  it.each(examples.map((e) => [`README.md:${e.line} reprint ${e.argv.join(' ')}`, e] as const))('%s prints what the README shows', async (_name, example) => {
    const r = await runMain(example.argv);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const printed = maskTimings(r.stdout).replace(/\n$/, '').split('\n');
    const shown = example.output.map(maskTimings);
    if (!matches(shown, printed)) expect(printed.join('\n')).toBe(shown.join('\n'));
  });
});

describe('the README example matcher', () => {
  it('takes … as left-out text, and a line of … as left-out lines', () => {
    expect(matches(['a', '…', 'd'], ['a', 'b', 'c', 'd'])).toBe(true);
    expect(matches(['The story … media …'], ['The story that ran in foreign media leaves'])).toBe(true);
    expect(matches(['a', 'b'], ['a', 'b', 'c'])).toBe(false);
    expect(matches(['x.y'], ['xzy'])).toBe(false);
  });
});
