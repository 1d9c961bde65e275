/**
 * `reprint index clusters`: the clusters of every document in the index (or of some crawls), as
 * `scan` would give them for the same pages, in scan's report. Candidate pairs come from the
 * stored band keys; a pair is verified on the stored shingle sets (exact, as in scan) or, for a
 * content stored without one (`index add --no-shingle-sets`), on the two signatures.
 */
import { estimatePair, verifyPair, type Verdict } from '../match/accept.js';
import { candidatePairs, unpackPair } from '../match/candidates.js';
import { clusterCandidates, type ClusterSource } from '../match/cluster.js';
import { compareStrings, type IndexedContent, type IndexParams, type IndexStore } from '../index/store.js';
import type { Document, PageError } from '../page.js';
import { compareClusters, describeCluster } from '../report/scan/clusters.js';
import { SCAN_SCHEMA, type ScanReport } from '../report/scan/types.js';
import { candidateThreshold } from '../sketch/lsh-params.js';
import { stopwatch, type RunHooks } from './hooks.js';
import { withStore, type IndexTarget } from './index-session.js';
import { matchRule, type ScanOptions } from './settings.js';

export interface IndexClustersOptions extends IndexTarget, Pick<ScanOptions, 'threshold' | 'containment' | 'minWords' | 'dom' | 'templates' | 'all'> {
  /** Only documents of these crawl labels; null: every document. */
  labels: readonly string[] | null;
}

/** What a run tells about itself besides the report (stderr). */
export interface IndexClustersNotes {
  /** Documents whose content was stored without a shingle set: their pairs were verified on signatures. */
  estimated: number;
}

/** Contents read from the store per request. */
const CHUNK = 10_000;

/** A record of a crawl file: `file#offset` or `file#offset+n` (WARC, ARC), `file:line` (JSON Lines). */
const RECORD = /^(.*)(?:#(\d+)(?:\+(\d+))?|:(\d+))$/;

/**
 * The order `scan` reads pages in: files by display path, records of a crawl file in file order.
 * It only matters where a band key is shared by many pages (candidatePairs links a huge bucket as
 * a star and a chain), so that this matches a scan of the same pages there too.
 */
export function inputOrder(a: string, b: string): number {
  const ra = RECORD.exec(a);
  const rb = RECORD.exec(b);
  const fa = ra?.[1] ?? a;
  const fb = rb?.[1] ?? b;
  if (fa !== fb) return compareStrings(fa, fb);
  const pos = (r: RegExpExecArray | null): [number, number] => (r === null ? [-1, -1] : [Number(r[2] ?? r[4]), Number(r[3] ?? 0)]);
  const [oa, ia] = pos(ra);
  const [ob, ib] = pos(rb);
  return oa - ob || ia - ib || compareStrings(a, b);
}

async function inChunks<T>(hashes: readonly string[], read: (part: string[]) => Promise<Map<string, T>>): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  for (let i = 0; i < hashes.length; i += CHUNK) for (const [k, v] of await read(hashes.slice(i, i + CHUNK))) out.set(k, v);
  return out;
}

/** What is held of every listed document: its full record is read again only for documents shown. */
interface ListedDocument {
  locator: string;
  path: string;
  contentHash: string;
}

export async function runIndexClusters(
  options: IndexClustersOptions,
  hooks: RunHooks,
): Promise<{ report: ScanReport; notes: IndexClustersNotes }> {
  const elapsed = stopwatch(hooks);
  return withStore(options, hooks, false, async (store) => {
    const params = await store.readParams();
    const phase = hooks.onPhase ?? (() => {});
    const listed: ListedDocument[] = [];
    phase('listing documents');
    for await (const batch of store.listDocuments(options.labels)) {
      for (const d of batch) listed.push({ locator: d.locator, path: d.path, contentHash: d.contentHash });
      phase(`listing documents: ${listed.length}`);
    }
    listed.sort((a, b) => inputOrder(a.path, b.path) || compareStrings(a.locator, b.locator));
    const { docs, bandKeys, errors } =
      params === null ? { docs: [], bandKeys: new Uint32Array(0), errors: [] } : await readBandKeys(store, listed, params, (done) => phase(`reading band keys: ${done}/${listed.length} documents`));
    const rule = matchRule(options);
    const bands = params?.bands ?? 0;
    const pairs = candidatePairs(bandKeys, docs.length, bands);

    // Clustering only compares documents of some candidate pair (a cluster grows along verified
    // candidate pairs), so only their contents and shingle sets are read; the other documents
    // cost their band keys alone.
    const paired = new Set<string>();
    for (const p of pairs) for (const i of unpackPair(p)) paired.add(docs[i]!.contentHash);
    const wanted = options.all ? [...new Set(docs.map((d) => d.contentHash))] : [...paired];
    phase(`reading ${paired.size} texts of ${pairs.length} candidate pairs`);
    const contents = await inChunks(wanted.sort(compareStrings), (part) => store.contents(part));
    const sets = await inChunks([...paired].sort(compareStrings), (part) => store.shingleSets(part));
    let estimated = 0;
    for (const d of docs) if (!sets.has(d.contentHash) && paired.has(d.contentHash)) estimated++;
    // Signatures are kept only where a comparison needs them: contents without a shingle set.
    for (const [hash, c] of contents) if (sets.has(hash)) contents.set(hash, { ...c, signature: NO_SIGNATURE });

    const contentOf = (i: number): IndexedContent => contents.get(docs[i]!.contentHash) ?? MISSING;
    const src: ClusterSource = {
      count: docs.length,
      bandKeys,
      shingles: (i) => sets.get(docs[i]!.contentHash) ?? new Uint32Array(0),
      shingleCount: (i) => contentOf(i).shingles,
      key: (i) => docs[i]!.path,
      words: (i) => contentOf(i).words,
      compare: (a, b): Verdict => {
        const sa = sets.get(docs[a]!.contentHash);
        const sb = sets.get(docs[b]!.contentHash);
        if (sa !== undefined && sb !== undefined) return verifyPair(sa, sb, rule);
        const ca = contentOf(a);
        const cb = contentOf(b);
        if (ca === cb) return { jaccard: 1, containment: 1, intersection: ca.shingles, match: 'jaccard' };
        const v = estimatePair(ca.signature, ca.shingles, cb.signature, cb.shingles, rule);
        return { ...v, intersection: Math.round(v.containment * Math.min(ca.shingles, cb.shingles)) };
      },
    };
    phase(`verifying ${pairs.length} candidate pairs`);
    const { clusters } = clusterCandidates(src, pairs, { ...rule, lsh: { bands, rows: params?.rows ?? 0 }, singletons: options.all === true });
    const shown = clusters.filter((c) => options.all || c.members.length > 1);
    const records = await inChunks(
      [...new Set(shown.flatMap((c) => c.members.map((m) => docs[m.doc]!.locator)))].sort(compareStrings),
      (part) => store.documentsAt(part),
    );
    const docOf = (i: number): Document => {
      const d = docs[i]!;
      // Removed since it was listed: shown with what the listing gave.
      const r = records.get(d.locator);
      return {
        path: d.path,
        ...(r?.id !== undefined ? { id: r.id } : {}),
        url: r?.url ?? null,
        outlet: r?.outlet ?? null,
        title: r?.title ?? null,
        dateline: r?.dateline ?? null,
        published: r?.published ?? null,
        words: contentOf(i).words,
        contentHash: d.contentHash,
        credit: r?.credit ?? null,
      };
    };
    const described = shown.map((c) => describeCluster(c, docOf)).sort(compareClusters);
    const report: ScanReport = {
      schema: SCAN_SCHEMA,
      params: {
        scheme: params?.scheme ?? '',
        seed: params?.seed ?? 0,
        numPerm: params?.numPerm ?? 0,
        shingleSize: params?.shingleSize ?? 0,
        threshold: options.threshold,
        containment: options.containment,
        lshThreshold: candidateThreshold(options.threshold, options.containment),
        bands,
        rows: params?.rows ?? 0,
        minWords: options.minWords,
        dom: options.dom,
        templates: options.templates,
      },
      summary: {
        documents: docs.length,
        clusters: described.filter((c) => c.size > 1).length,
        duplicates: described.reduce((n, c) => n + c.size - 1, 0),
        errors: errors.length,
        elapsedMs: elapsed(),
      },
      clusters: described,
      errors,
    };
    return { report, notes: { estimated } };
  });
}

const NO_SIGNATURE = new Uint32Array(0);
const MISSING: IndexedContent = { contentHash: '', signature: NO_SIGNATURE, shingles: 0, words: 0 };

/**
 * Band keys of the listed documents' contents, one row of `bands` keys a document. A document
 * whose content is gone (removed while this run read the index) becomes an error entry, not a
 * failed run.
 */
async function readBandKeys(store: IndexStore, listed: readonly ListedDocument[], params: IndexParams, progress: (done: number) => void) {
  const docs: ListedDocument[] = [];
  const errors: PageError[] = [];
  let bandKeys = new Uint32Array(listed.length * params.bands);
  // Read in the documents' order, a chunk at a time: the keys go straight into their rows.
  for (let at = 0; at < listed.length; at += CHUNK) {
    const part = listed.slice(at, at + CHUNK);
    const keys = await store.bandKeys([...new Set(part.map((d) => d.contentHash))].sort(compareStrings));
    for (const d of part) {
      const k = keys.get(d.contentHash);
      if (k?.length === params.bands) {
        bandKeys.set(k, docs.length * params.bands);
        docs.push(d);
      } else errors.push({ path: d.path, message: `the index holds no content ${d.contentHash} for this document (removed while it was read?)` });
    }
    progress(Math.min(at + CHUNK, listed.length));
  }
  if (docs.length < listed.length) bandKeys = bandKeys.slice(0, docs.length * params.bands);
  return { docs, bandKeys, errors };
}
