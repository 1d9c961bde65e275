import { plural } from '../plural.js';
import type { TextStyle as Style } from '../style.js';
import type { IndexReport } from './types.js';

export function formatIndexText(report: IndexReport, style: Style): string {
  const lines: string[] = [];
  if (report.schema === 'reprint/index-add@1') {
    const s = report.summary;
    lines.push(
      `${style.bold(report.index.location)}: ${s.added} added, ${s.replaced} replaced, ${s.unchanged} unchanged of ${plural(s.pages, 'page')}` +
        (report.label !== null ? ` (label ${report.label})` : '') +
        (s.errors > 0 ? `, ${plural(s.errors, 'error')}` : ''),
    );
    lines.push(`index holds ${plural(report.index.documents, 'document')} (${plural(report.index.contents, 'distinct text')})`);
    for (const e of report.errors) lines.push(`${style.dim('error')} ${e.path}: ${e.message}`);
  } else if (report.schema === 'reprint/index-remove@1') {
    for (const r of report.removed) lines.push(`removed ${r}`);
    lines.push(`${style.bold(report.index.location)}: ${report.summary.removed} removed; index holds ${plural(report.index.documents, 'document')}`);
  } else if (report.schema === 'reprint/index-export@1') {
    const { documents, contents } = report.files;
    lines.push(`${style.bold(report.index.location)}: exported ${report.labels !== null ? `labels ${report.labels.join(', ')}` : 'everything'}`);
    lines.push(`${documents.path}: ${plural(documents.rows, 'document')}`, `${contents.path}: ${plural(contents.rows, 'distinct text')}`);
  } else {
    lines.push(`${style.bold(report.location)} (${report.format})`);
    lines.push(`documents: ${report.documents}`, `distinct texts: ${report.contents}`);
    if (report.params !== null) {
      const p = report.params;
      lines.push(`sketch: ${p.scheme}, seed ${p.seed}, ${p.numPerm} permutations, ${p.shingleSize}-word shingles, ${p.bands} bands × ${p.rows} rows`);
    }
    for (const l of report.labels) lines.push(`  ${l.label ?? '(no label)'}: ${plural(l.documents, 'document')}, added ${l.firstAdded} … ${l.lastAdded}`);
  }
  return lines.join('\n') + '\n';
}
