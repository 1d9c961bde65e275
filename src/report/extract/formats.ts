/**
 * `reprint extract` output: what reprint compares for each page, so a user can see why two
 * pages matched or did not. Schema: schema/extract.schema.json.
 */
import type { ExtractedDocument } from '../../extract/types.js';
import type { ReportError } from '../scan/types.js';
import type { TextStyle } from '../scan/text.js';
import { PLAIN } from '../scan/text.js';

export const EXTRACT_SCHEMA = 'reprint/extract@1';

/** A page as `extract` shows it: what extraction found, where it came from, how long it is. */
export type ExtractedPage = { path: string; url: string | null } & Omit<ExtractedDocument, 'text'> & { words: number; text: string };

export interface ExtractReport {
  schema: typeof EXTRACT_SCHEMA;
  summary: { pages: number; errors: number; elapsedMs: number };
  pages: ExtractedPage[];
  errors: ReportError[];
}

export function formatExtractJson(report: ExtractReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}

export function formatExtractNdjson(report: ExtractReport): string {
  const lines = report.pages.map((p) => JSON.stringify({ type: 'page', ...p }));
  for (const e of report.errors) lines.push(JSON.stringify({ type: 'error', ...e }));
  lines.push(JSON.stringify({ type: 'summary', schema: report.schema, ...report.summary }));
  return lines.join('\n') + '\n';
}

export function formatExtractText(report: ExtractReport, style: TextStyle = PLAIN): string {
  const out: string[] = [];
  for (const p of report.pages) {
    out.push(style.bold(`== ${p.path}`));
    const fields: [string, string | null][] = [
      ['url', p.url],
      ['title', p.title],
      ['outlet', p.outlet],
      ['byline', p.byline],
      ['dateline', p.dateline],
      ['published', p.published],
      ['lang', p.lang],
      ['method', p.method],
      ['words', String(p.words)],
    ];
    for (const [k, v] of fields) if (v !== null) out.push(`${style.dim(k.padEnd(9))} ${v}`);
    out.push('', p.text, '');
  }
  for (const e of report.errors) out.push(`${style.bold('error')} ${e.path}: ${e.message}`);
  const s = report.summary;
  out.push(style.dim(`${s.pages} pages, ${s.errors} errors`));
  return out.join('\n') + '\n';
}
