// Reads the AllSides development corpus (Apache-2.0) straight from the shared folder, streaming
// through zlib. The corpus is never copied into the repository.
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '..', '..');
const ALLSIDES = process.env.REPRINT_ALLSIDES ?? path.resolve(ROOT, '..', 'shared', 'corpora', 'allsides-dev.jsonl.gz');

/**
 * All articles, sorted by ID so the order does not depend on the file's line order.
 * Each: { id, topic, source, title, text, date, url }.
 */
export async function loadAllsides(file = ALLSIDES) {
  if (!existsSync(file)) throw new Error(`corpus not found: ${file} (set REPRINT_ALLSIDES)`);
  const rl = readline.createInterface({ input: createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity });
  const out = [];
  for await (const line of rl) {
    if (line.trim().length === 0) continue;
    const o = JSON.parse(line);
    out.push({
      id: String(o.ID),
      topic: String(o.topic ?? ''),
      source: String(o.source ?? ''),
      title: String(o.title ?? ''),
      text: String(o.content_original ?? ''),
      date: String(o.date ?? ''),
      url: String(o.url ?? ''),
    });
  }
  out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return out;
}
