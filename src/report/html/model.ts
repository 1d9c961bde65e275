/**
 * What an HTML report embeds as JSON for its script: scan clusters and check findings alike as
 * groups of copies of one article, so one page script draws both.
 */

/** A run of text in the explain view: in both texts, only in the base copy, or only in this one. */
export interface ExplainSegment {
  kind: 'shared' | 'base' | 'copy';
  text: string;
  words: number;
  /** Inside a shared passage, the words that differ, in order; absent when it is the same throughout. */
  changes?: { kind: 'same' | 'base' | 'copy'; text: string }[];
}

/** A copy's text against its group's base copy (the earliest dated, else the representative). */
export interface ExplainView {
  /** Key of the base copy. */
  base: string;
  jaccard: number;
  containment: number;
  /** In the copy's reading order, with the base's own passages where they fall. */
  segments: ExplainSegment[];
}

export interface GroupMember {
  /** Unique within the group: the path, or an index copy's locator. */
  key: string;
  /** What the copy is to the group, when that varies (check: this page, indexed, new). */
  role: string | null;
  path: string;
  url: string | null;
  outlet: string | null;
  title: string | null;
  dateline: string | null;
  published: string | null;
  words: number | null;
  /** Against the representative (scan) or the new page (check); null for the page itself. */
  similarity: number | null;
  containment: number | null;
  explain: ExplainView | null;
}

export interface ReportGroup {
  id: string;
  /** What the group is called in its heading. */
  heading: string;
  earliest: string | null;
  representative: string | null;
  /** The member explain views compare with. */
  base: string | null;
  dateSpanDays: number | null;
  members: GroupMember[];
}

export interface HtmlReportData {
  kind: 'scan' | 'check';
  title: string;
  /** Lines of facts under the title: counts, parameters, the verdict. */
  facts: string[];
  /** What "similarity" is measured against, for the table's header. */
  comparedWith: string;
  /** Why a copy may have no explain view, shown in its place. */
  noExplain: string;
  groups: ReportGroup[];
  errors: { path: string; message: string }[];
}
