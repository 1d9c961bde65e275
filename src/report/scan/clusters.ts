/**
 * Clusters as the report shows them: stable ids from content, members in date order, the
 * earliest dated copy named, similarities rounded so output is byte-stable.
 */
import { hash64Hex } from '../../text/hash.js';
import type { ReportCluster, ReportMember } from './types.js';
import type { Cluster } from '../../match/cluster.js';
import type { Document } from '../../page.js';
import { round } from '../round.js';

const DAY_MS = 86_400_000;

function compareMembers(a: ReportMember, b: ReportMember): number {
  if (a.published !== b.published) {
    if (a.published === null) return 1;
    if (b.published === null) return -1;
    return a.published < b.published ? -1 : 1;
  }
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** `docOf` gives a member's metadata (from memory, or read back from a scan's scratch file). */
export function describeCluster(cluster: Cluster, docOf: (i: number) => Document): ReportCluster {
  const docs = new Map(cluster.members.map(({ doc }) => [doc, docOf(doc)]));
  const members: ReportMember[] = cluster.members.map(({ doc, verdict }) => {
    const d = docs.get(doc)!;
    return {
      path: d.path,
      url: d.url,
      outlet: d.outlet,
      title: d.title,
      dateline: d.dateline,
      published: d.published,
      words: d.words,
      similarity: round(verdict.jaccard),
      containment: round(verdict.containment),
    };
  });
  members.sort(compareMembers);
  const dated = members.filter((m) => m.published !== null);
  const first = dated[0];
  const last = dated[dated.length - 1];
  const span =
    first !== undefined && last !== undefined
      ? Math.round((Date.parse(last.published!) - Date.parse(first.published!)) / DAY_MS)
      : null;
  // Content, not order or paths: the same copies give the same id on every run.
  const hashes = cluster.members.map(({ doc }) => docs.get(doc)!.contentHash).sort();
  return {
    id: hash64Hex(hashes.join('\n')).slice(0, 12),
    size: members.length,
    representative: docs.get(cluster.representative)!.path,
    earliest: first?.path ?? null,
    dateSpanDays: span,
    members,
  };
}

export function compareClusters(a: ReportCluster, b: ReportCluster): number {
  return b.size - a.size || (a.id < b.id ? -1 : a.id > b.id ? 1 : a.representative < b.representative ? -1 : 1);
}
