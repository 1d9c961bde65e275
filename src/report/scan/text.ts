/** A readable table per cluster, for a terminal. */
import { plural } from '../plural.js';
import { PLAIN, table, type TextStyle } from '../style.js';
import type { ReportCluster, ScanReport } from './types.js';

function clusterBlock(c: ReportCluster, style: TextStyle): string[] {
  const earliest = c.members.find((m) => m.path === c.earliest);
  const head = [
    style.bold(`cluster ${c.id}`),
    plural(c.size, 'copy', 'copies'),
    earliest ? `earliest ${earliest.published} ${earliest.outlet ?? earliest.path}` : 'no dated copy',
    c.dateSpanDays !== null && c.dateSpanDays > 0 ? `span ${plural(c.dateSpanDays, 'day')}` : null,
  ].filter((x): x is string => x !== null);
  const rows = c.members.map((m) => [
    (m.path === c.earliest ? '*' : ' ') + (m.path === c.representative ? 'R' : ' '),
    m.published ?? '-',
    m.lagDays === null ? '-' : `+${m.lagDays}d`,
    m.dateline ?? '-',
    m.outlet ?? '-',
    m.headlineChanged === null ? '-' : m.headlineChanged ? 'changed' : 'same',
    m.credit ?? '-',
    m.similarity.toFixed(2),
    m.containment.toFixed(2),
    String(m.words),
    m.path,
  ]);
  const lines = table(rows, style, ['', 'published', 'lag', 'dateline', 'outlet', 'headline', 'credits', 'jaccard', 'contain', 'words', 'path']);
  return [head.join(style.dim(' · ')), ...lines.map((l) => '  ' + l)];
}

export function formatText(report: ScanReport, style: TextStyle = PLAIN): string {
  const out: string[] = [];
  for (const c of report.clusters) {
    out.push(...clusterBlock(c, style), '');
  }
  if (report.errors.length > 0) {
    out.push(style.bold(`errors (${report.errors.length})`));
    for (const e of report.errors) out.push(`  ${e.path}: ${e.message}`);
    out.push('');
  }
  const s = report.summary;
  out.push(
    style.dim(
      `${plural(s.documents, 'document')}, ${plural(s.clusters, 'cluster')}, ${plural(s.duplicates, 'duplicate')}, ${plural(s.errors, 'error')}` +
        ` (* earliest, R representative; threshold ${report.params.threshold}, containment ${report.params.containment})`,
    ),
  );
  return out.join('\n') + '\n';
}
