/**
 * The scan report as one HTML page (report/html/): clusters biggest first, each copy on a timeline
 * with the earliest marked, and, where the scan kept the texts, each copy's text explained against
 * the earliest copy (the representative when none is dated).
 */
import { explainView, type MemberAlignments } from '../html/explain.js';
import type { GroupMember, HtmlReportData, ReportGroup } from '../html/model.js';
import { htmlReport } from '../html/page.js';
import { plural } from '../plural.js';
import type { ReportCluster, ScanReport } from './types.js';

/**
 * A scan report with what only the HTML page shows: the alignments of cluster members with their
 * cluster's base copy, by member path. The command adds them only when it writes HTML, and no
 * other format reads them, so the JSON report stays as its schema says.
 */
export interface ExplainedScanReport extends ScanReport {
  explains?: MemberAlignments;
}

/** The copy the explain view compares the others with. */
export function explainBase(c: Pick<ReportCluster, 'earliest' | 'representative'>): string {
  return c.earliest ?? c.representative;
}

function clusterGroup(c: ReportCluster, explains: MemberAlignments | undefined): ReportGroup {
  const base = explainBase(c);
  const headline = c.members.find((m) => m.path === base)?.title ?? c.members.find((m) => m.title !== null)?.title ?? null;
  const members: GroupMember[] = c.members.map((m) => {
    const explain = m.path !== base ? explains?.get(m.path) : undefined;
    return {
      key: m.path,
      role: null,
      path: m.path,
      url: m.url,
      outlet: m.outlet,
      title: m.title,
      dateline: m.dateline,
      published: m.published,
      words: m.words,
      similarity: m.similarity,
      containment: m.containment,
      explain: explain !== undefined ? explainView(explain) : null,
    };
  });
  return {
    id: c.id,
    heading: headline !== null ? `${headline} (cluster ${c.id})` : `cluster ${c.id}`,
    earliest: c.earliest,
    representative: c.representative,
    base: c.size > 1 ? base : null,
    dateSpanDays: c.dateSpanDays,
    members,
  };
}

export function formatScanHtml(report: ExplainedScanReport, toolVersion: string): string {
  const s = report.summary;
  const p = report.params;
  const data: HtmlReportData = {
    kind: 'scan',
    title: `reprint scan: ${s.clusters} ${s.clusters === 1 ? 'cluster' : 'clusters'} of copies`,
    facts: [
      `${plural(s.documents, 'document')}, ${plural(s.clusters, 'cluster')}, ${plural(s.duplicates, 'duplicate')}, ${plural(s.errors, 'error')}.`,
      `Copies: Jaccard ≥ ${p.threshold} or containment ≥ ${p.containment} over ${p.shingleSize}-word shingles; ` +
        `outlet templates ${p.templates ? 'removed' : 'kept'}; ${p.scheme}, ${p.numPerm} permutations, ${p.bands}×${p.rows} LSH bands.`,
      '★ earliest dated copy, R representative. Explain compares a copy with the earliest copy, or the representative when none is dated.',
    ],
    comparedWith: 'representative',
    noExplain: 'The text of this copy was not kept.',
    groups: report.clusters.map((c) => clusterGroup(c, report.explains)),
    errors: report.errors,
  };
  return htmlReport(data, `reprint ${toolVersion}`);
}
