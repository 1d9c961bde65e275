/** Small scan reports built by hand for the format tests: only what a format reads is varied. */
import type { ReportCluster, ReportMember, ScanReport } from '../../../src/report/scan/types.js';
import { SCAN_SCHEMA } from '../../../src/report/scan/types.js';

export function member(path: string, fields: Partial<ReportMember> = {}): ReportMember {
  return {
    path,
    url: null,
    outlet: null,
    title: null,
    dateline: null,
    published: null,
    words: 300,
    similarity: 1,
    containment: 1,
    lagDays: null,
    credit: null,
    headlineChanged: null,
    ...fields,
  };
}

/** A cluster as describeCluster makes one: members by date then path, the earliest dated named. */
export function cluster(id: string, members: ReportMember[]): ReportCluster {
  const sorted = [...members].sort((a, b) =>
    a.published === b.published ? (a.path < b.path ? -1 : 1) : a.published === null ? 1 : b.published === null ? -1 : a.published < b.published ? -1 : 1,
  );
  const dated = sorted.filter((m) => m.published !== null);
  return {
    id,
    size: sorted.length,
    representative: sorted[0]!.path,
    earliest: dated[0]?.path ?? null,
    dateSpanDays: null,
    members: sorted,
  };
}

export function report(clusters: ReportCluster[], errors: ScanReport['errors'] = []): ScanReport {
  return {
    schema: SCAN_SCHEMA,
    params: {
      scheme: 'reprint-minhash/3',
      seed: 1,
      numPerm: 128,
      shingleSize: 5,
      threshold: 0.5,
      containment: 0.7,
      lshThreshold: 0.212,
      bands: 25,
      rows: 2,
      minWords: 20,
      dom: 'linkedom',
      templates: true,
    },
    summary: { documents: 0, clusters: clusters.length, duplicates: 0, errors: errors.length, elapsedMs: 0 },
    clusters,
    errors,
  };
}
