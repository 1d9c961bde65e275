/**
 * The alignments the HTML reports' explain view shows, computed only when a run kept its pages'
 * texts (PageOptions.keepText): scan aligns each cluster member with the cluster's earliest copy
 * (or representative), check each new page with its copies among the new pages.
 */
import { diffArrays } from 'diff';
import type { Cluster } from '../match/cluster.js';
import { alignTexts, type Alignment } from '../match/align.js';
import type { MemberAlignment } from '../report/html/explain.js';
import { explainBase } from '../report/scan/html.js';
import type { ReportCluster } from '../report/scan/types.js';
import type { SketchedRun } from '../runtime/sketch-stream.js';

const align = (a: string, b: string, shingleSize: number): Alignment => alignTexts(a, b, { shingleSize, diffArrays });

/** By member path: each member of a cluster of two or more aligned with the cluster's base copy. */
export function clusterAlignments(
  clusters: readonly Cluster[],
  described: readonly ReportCluster[],
  run: Pick<SketchedRun, 'doc' | 'text'>,
  shingleSize: number,
): Map<string, MemberAlignment> {
  const docOf = new Map<string, number>();
  for (const c of clusters) if (c.members.length > 1) for (const { doc } of c.members) docOf.set(run.doc(doc).path, doc);
  const textOf = (path: string): string | null => {
    const doc = docOf.get(path);
    return doc === undefined ? null : run.text(doc);
  };
  const out = new Map<string, MemberAlignment>();
  for (const c of described) {
    if (c.size < 2) continue;
    const base = explainBase(c);
    const baseText = textOf(base);
    if (baseText === null) continue;
    for (const m of c.members) {
      const text = m.path === base ? null : textOf(m.path);
      if (text !== null) out.set(m.path, { base, alignment: align(baseText, text, shingleSize) });
    }
  }
  return out;
}

/** By a finding's path, then its copy's path: the page aligned with each of its copies among the new pages. */
export function findingAlignments(
  findings: readonly { path: string; new: readonly { path: string }[] }[],
  textOf: ReadonlyMap<string, string>,
  shingleSize: number,
): Map<string, Map<string, Alignment>> {
  const out = new Map<string, Map<string, Alignment>>();
  for (const f of findings) {
    const text = textOf.get(f.path);
    if (text === undefined || f.new.length === 0) continue;
    const copies = new Map<string, Alignment>();
    for (const c of f.new) {
      const other = textOf.get(c.path);
      if (other !== undefined) copies.set(c.path, align(text, other, shingleSize));
    }
    out.set(f.path, copies);
  }
  return out;
}
