/**
 * One row per cluster member, for spreadsheets and data frames. Quoting is RFC 4180 (csv-stringify);
 * records end in LF, not the RFC's CRLF, like every other reprint output, so line tools (`wc -l`,
 * `grep`, `cut`) see no stray `\r` and every CSV reader still reads it. Errors are not rows.
 */
import { stringify } from 'csv-stringify/sync';
import { daysBetween } from '../network.js';
import type { ReportCluster, ReportMember, ScanReport } from './types.js';

const COLUMNS = [
  'cluster_id',
  'cluster_size',
  'path',
  'url',
  'outlet',
  'title',
  'dateline',
  'published',
  'words',
  'similarity',
  'containment',
  'earliest',
  'lag_days',
] as const;

type CsvRow = Record<(typeof COLUMNS)[number], string | number | null>;

function memberRow(cluster: ReportCluster, member: ReportMember, earliest: ReportMember | undefined): CsvRow {
  return {
    cluster_id: cluster.id,
    cluster_size: cluster.size,
    path: member.path,
    url: member.url,
    outlet: member.outlet,
    title: member.title,
    dateline: member.dateline,
    published: member.published,
    words: member.words,
    similarity: member.similarity,
    containment: member.containment,
    // Strings: csv-stringify writes booleans as 1 and an empty field.
    earliest: member.path === cluster.earliest ? 'yes' : 'no',
    lag_days: earliest?.published && member.published ? daysBetween(earliest.published, member.published) : null,
  };
}

export function formatCsv(report: ScanReport): string {
  const rows = report.clusters.flatMap((cluster) => {
    const earliest = cluster.members.find((m) => m.path === cluster.earliest);
    return cluster.members.map((member) => memberRow(cluster, member, earliest));
  });
  return stringify(rows, { header: true, columns: [...COLUMNS], record_delimiter: 'unix' });
}
