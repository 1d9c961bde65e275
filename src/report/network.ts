/**
 * The outlet network of a scan: outlets as nodes, and an edge from each outlet to every outlet that
 * ran a copy of the same article later. Pure data, shared by the GEXF and GraphML formats.
 */
import type { ReportMember, ScanReport } from './scan/types.js';

/** Stands for a copy whose page names no outlet and no URL. */
export const UNKNOWN_OUTLET = '(unknown)';

const DAY_MS = 86_400_000;

interface OutletNode {
  outlet: string;
  /** Copies in clusters (an outlet may hold several copies of one article). */
  pages: number;
  /** Clusters holding at least one of its copies. */
  clusters: number;
  /** Clusters whose earliest copy is its. */
  timesFirst: number;
}

/** An outlet that ran copies earlier (source) and one that ran copies of the same articles later (target). */
interface OutletEdge {
  source: string;
  target: string;
  /** Pairs of copies in one cluster: one at the source, a later one at the target. */
  copies: number;
  /**
   * Median days from the source's copy to the target's over those pairs; of an even count the
   * lower middle value, so it stays whole days like the dates it comes from.
   */
  medianLagDays: number;
}

export interface OutletNetwork {
  /** Sorted by outlet. */
  nodes: OutletNode[];
  /** Sorted by source, then target. */
  edges: OutletEdge[];
}

/** Whole days from one ISO date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
}

/**
 * The outlet a copy counts for: the outlet it names, else its URL's host, else a stand-in. The
 * host keeps copies from a crawl without mastheads apart; `www.` goes so that `www.example.com`
 * and `example.com` are one outlet.
 */
export function outletOf(member: Pick<ReportMember, 'outlet' | 'url'>): string {
  if (member.outlet !== null && member.outlet !== '') return member.outlet;
  if (member.url !== null) {
    const host = URL.canParse(member.url) ? new URL(member.url).hostname : '';
    if (host !== '') return host.replace(/^www\./, '');
  }
  return UNKNOWN_OUTLET;
}

// Code-unit order, not localeCompare: the same bytes out on every machine and locale.
const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function lowMedian(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[(sorted.length - 1) >> 1]!;
}

/**
 * Builds the network from the clusters of two or more copies (a page alone, listed by `--all`,
 * was not republished). Two copies with the same date have no order, so they add no edge.
 */
export function outletNetwork(report: Pick<ScanReport, 'clusters'>): OutletNetwork {
  const nodes = new Map<string, OutletNode>();
  const lags = new Map<string, { source: string; target: string; lags: number[] }>();

  for (const cluster of report.clusters) {
    if (cluster.members.length < 2) continue;
    const outlets = cluster.members.map(outletOf);
    for (const [i, member] of cluster.members.entries()) {
      const outlet = outlets[i]!;
      let node = nodes.get(outlet);
      if (node === undefined) {
        node = { outlet, pages: 0, clusters: 0, timesFirst: 0 };
        nodes.set(outlet, node);
      }
      node.pages++;
      if (outlets.indexOf(outlet) === i) node.clusters++;
      if (member.path === cluster.earliest) node.timesFirst++;
    }
    for (let i = 0; i < cluster.members.length; i++) {
      for (let j = i + 1; j < cluster.members.length; j++) {
        const a = cluster.members[i]!;
        const b = cluster.members[j]!;
        if (a.published === null || b.published === null || a.published === b.published) continue;
        if (outlets[i] === outlets[j]) continue;
        const [earlier, later] = a.published < b.published ? [i, j] : [j, i];
        const source = outlets[earlier]!;
        const target = outlets[later]!;
        // JSON of the pair: outlet names may hold any character, so no separator is safe.
        const key = JSON.stringify([source, target]);
        let edge = lags.get(key);
        if (edge === undefined) {
          edge = { source, target, lags: [] };
          lags.set(key, edge);
        }
        edge.lags.push(daysBetween(cluster.members[earlier]!.published!, cluster.members[later]!.published!));
      }
    }
  }

  return {
    nodes: [...nodes.values()].sort((a, b) => byString(a.outlet, b.outlet)),
    edges: [...lags.values()]
      .map(({ source, target, lags }) => ({ source, target, copies: lags.length, medianLagDays: lowMedian(lags) }))
      .sort((a, b) => byString(a.source, b.source) || byString(a.target, b.target)),
  };
}
