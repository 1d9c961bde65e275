/**
 * The layering rules of docs/architecture.md, checked on the sources: the core (text, sketch,
 * match, the index contract and memory store, the page vocabulary) takes data only, so it runs in
 * worker threads and is tested alone; each layer imports only from layers below it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

const SRC = path.join(ROOT, 'src');

function sources(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

/** Where each file's imports lead: a src-relative path (`match/accept.ts`) or a package name (`node:fs`, `jsdom`). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]!);
  return specs.map((s) => (s.startsWith('.') ? path.relative(SRC, path.resolve(path.dirname(file), s)).replace(/\.js$/, '.ts') : s));
}

const layerOf = (rel: string): string => (rel.includes('/') ? rel.split('/')[0]! : rel.replace(/\.ts$/, ''));
const CORE = new Set(['text', 'sketch', 'match', 'index', 'page']);

/** Which layers each layer may import (besides itself). */
const ALLOWED: Record<string, string[]> = {
  page: [],
  text: ['page'],
  sketch: ['text', 'page'],
  index: ['page'],
  match: ['text', 'sketch', 'index', 'page'],
  input: ['page'],
  extract: ['text', 'page', 'input'],
  report: ['text', 'sketch', 'match', 'index', 'page', 'extract'],
  stores: ['index', 'page'],
  runtime: ['text', 'sketch', 'match', 'index', 'page', 'input', 'extract'],
  commands: ['text', 'sketch', 'match', 'index', 'page', 'input', 'extract', 'report', 'stores', 'runtime'],
  cli: ['commands', 'report', 'runtime', 'input', 'extract', 'index', 'page'],
};

const files = sources().map((f) => ({ rel: path.relative(SRC, f), imports: importsOf(f) }));

describe('layers', () => {
  it('every source file is in a known layer', () => {
    expect(files.filter((f) => !(layerOf(f.rel) in ALLOWED)).map((f) => f.rel)).toEqual([]);
  });

  it('the core imports no DOM, file system, database driver or other package: only core modules', () => {
    const bad = files
      .filter((f) => CORE.has(layerOf(f.rel)))
      .flatMap((f) => f.imports.filter((i) => i.startsWith('node:') || !CORE.has(layerOf(i)) || !i.endsWith('.ts')).map((i) => `${f.rel} → ${i}`));
    expect(bad).toEqual([]);
  });

  it('each layer imports only the layers below it', () => {
    const bad = files.flatMap((f) => {
      const own = layerOf(f.rel);
      return f.imports
        .filter((i) => i.endsWith('.ts'))
        .filter((i) => layerOf(i) !== own && !ALLOWED[own]!.includes(layerOf(i)))
        .map((i) => `${f.rel} → ${i}`);
    });
    expect(bad).toEqual([]);
  });

  it('database drivers are loaded only by the stores, and the DOM only by extraction', () => {
    const where = (pkg: RegExp): string[] => [...new Set(files.filter((f) => f.imports.some((i) => pkg.test(i))).map((f) => layerOf(f.rel)))].sort();
    expect(where(/^(better-sqlite3|ioredis)$/)).toEqual(['stores']);
    expect(where(/^(jsdom|linkedom|@mozilla\/readability)$/)).toEqual(['extract']);
  });
});
