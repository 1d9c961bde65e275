/**
 * Clusters as the report shows them: stable ids from content, members in date order, the
 * earliest dated copy named, how each copy stands to it (days later, headline changed, credit
 * given), similarities rounded so output is byte-stable.
 */
import { hash64Hex } from '../../text/hash.js';
import { normalizeText } from '../../text/normalize.js';
import type { ReportCluster, ReportMember } from './types.js';
import type { Cluster } from '../../match/cluster.js';
import { idOf, type Document } from '../../page.js';
import { round } from '../round.js';

const DAY_MS = 86_400_000;

/** Days from one ISO date to a later one. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
}

/** A headline as compared between copies: normalised spelling, case and typography, punctuation and spacing dropped. */
function headlineKey(title: string): string {
  return normalizeText(title).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Whether a copy's headline differs from the earliest copy's; null when either has none. */
function headlineChanged(title: string | null, earliestTitle: string | null): boolean | null {
  if (title === null || earliestTitle === null) return null;
  return headlineKey(title) !== headlineKey(earliestTitle);
}

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
      ...idOf(d),
      url: d.url,
      outlet: d.outlet,
      title: d.title,
      dateline: d.dateline,
      published: d.published,
      words: d.words,
      similarity: round(verdict.jaccard),
      containment: round(verdict.containment),
      lagDays: null,
      credit: d.credit,
      headlineChanged: null,
    };
  });
  members.sort(compareMembers);
  const dated = members.filter((m) => m.published !== null);
  const first = dated[0];
  const last = dated[dated.length - 1];
  const span = first !== undefined && last !== undefined ? daysBetween(first.published!, last.published!) : null;
  if (first !== undefined) {
    for (const m of members) {
      m.lagDays = m.published !== null ? daysBetween(first.published!, m.published) : null;
      m.headlineChanged = headlineChanged(m.title, first.title);
    }
  }
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
