import { plural } from '../plural.js';
import { PLAIN, type TextStyle } from '../style.js';
import type { ExtractReport } from './types.js';

export function formatExtractText(report: ExtractReport, style: TextStyle = PLAIN): string {
  const out: string[] = [];
  for (const p of report.pages) {
    out.push(style.bold(`== ${p.path}`));
    const fields: [string, string | null][] = [
      ['id', p.id ?? null],
      ['url', p.url],
      ['title', p.title],
      ['outlet', p.outlet],
      ['byline', p.byline],
      ['dateline', p.dateline],
      ['published', p.published],
      ['lang', p.lang],
      ['credit', p.credit],
      ['method', p.method],
      ['words', String(p.words)],
    ];
    for (const [k, v] of fields) if (v !== null) out.push(`${style.dim(k.padEnd(9))} ${v}`);
    out.push('', p.text, '');
  }
  for (const e of report.errors) out.push(`${style.bold('error')} ${e.path}: ${e.message}`);
  const s = report.summary;
  out.push(style.dim(`${plural(s.pages, 'page')}, ${plural(s.errors, 'error')}`));
  return out.join('\n') + '\n';
}
